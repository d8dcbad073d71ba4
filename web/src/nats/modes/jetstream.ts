// The seed's JetStream client: a stream plus a durable pull consumer with explicit ack, the seed's consumer defaults.
import type { ConsumerInfo, StreamInfo } from "@nats-io/jetstream";
import { consumeLoop } from "../consume.ts";
import { explainError, PlaygroundError } from "../errors.ts";
import type { ConsumerHandle, DeliveryHandler, EventProcessor, Mode, ProcessorConfig } from "../processor.ts";
import type { StreamSpec } from "../streams.ts";
import {
  createPublisher,
  ensureConsumer,
  openStreamAndConsumer,
  pullConsumerConfig,
  pullLimits,
  resolveTarget,
  type JetStreamModeOptions,
  type MsgIdFor,
} from "./js-common.ts";

export type { ConsumerOverrides, JetStreamModeOptions } from "./js-common.ts";

/** A JetStream-backed EventProcessor plus the server's view of its stream and consumer. */
export interface JetStreamProcessor extends EventProcessor {
  readonly stream: string;
  readonly durable: string;
  /** The stream as the server sees it (messages, first/last sequence, config). */
  streamInfo(): Promise<StreamInfo>;
  /** The consumer as the server sees it; also sets the metrics' pending gauge from num_pending. */
  consumerInfo(): Promise<ConsumerInfo>;
  /** Deletes the durable consumer (its position is lost); a running consume loop ends with "consumer-gone". */
  deleteConsumer(): Promise<boolean>;
  /** Opening it created the durable consumer (none existed): it starts from the stream's first message. */
  readonly consumerCreated: boolean;
  /** consume(), and whether the durable consumer had to be created again (deleted meanwhile: it starts over). */
  startConsumer(handler: DeliveryHandler): Promise<{ handle: ConsumerHandle; consumerRecreated: boolean }>;
}

/** What a mode built on this one adds: its name, a duplicate window and a Nats-Msg-Id strategy. */
export interface JetStreamFlavour {
  mode: Mode;
  duplicateWindowMs?: number;
  msgIdFor?: MsgIdFor;
}

/** Opens a JetStream processor of the given flavour; the jetstream and dedupe modes are both this. */
export async function openJetStreamProcessor(
  cfg: ProcessorConfig,
  opts: JetStreamModeOptions,
  flavour: JetStreamFlavour,
): Promise<JetStreamProcessor> {
  const target = resolveTarget(cfg, opts);
  const consumerConfig = pullConsumerConfig(cfg, target.durable, opts.consumer);
  const spec: StreamSpec = {
    name: target.stream,
    subjects: [target.subject],
    storage: opts.storage ?? "file",
    maxAgeMs: opts.maxAgeMs,
    duplicateWindowMs: flavour.duplicateWindowMs,
  };
  const { nc, js, jsm, consumerCreated } = await openStreamAndConsumer(cfg, spec, consumerConfig);
  const now = cfg.now ?? Date.now;
  const fallbackExpiresMs = cfg.connection.reconnectWaitSeconds * 1000;
  let active: ConsumerHandle | null = null;
  let starting = false;

  const guard = async <T>(op: () => Promise<T>): Promise<T> => {
    try {
      return await op();
    } catch (err) {
      throw explainError(err);
    }
  };

  const startConsumer = async (handler: DeliveryHandler): Promise<{ handle: ConsumerHandle; consumerRecreated: boolean }> => {
    if (active || starting)
      throw new PlaygroundError("invalid-operation", "This processor is already consuming: stop the running consumer first.");
    starting = true;
    try {
      // A consumer the server removed (inactive threshold) comes back here, starting over: the seed's behaviour.
      const { info, created } = await ensureConsumer(jsm, target.stream, consumerConfig);
      const consumer = await guard(() => js.consumers.get(target.stream, target.durable));
      const handle = consumeLoop(consumer, handler, { metrics: cfg.metrics, now, ...pullLimits(info, fallbackExpiresMs) });
      active = handle;
      void handle.ended.then(() => {
        if (active === handle) active = null;
      });
      return { handle, consumerRecreated: created };
    } finally {
      starting = false;
    }
  };

  return {
    mode: flavour.mode,
    subject: target.subject,
    stream: target.stream,
    durable: target.durable,
    connection: nc,
    publish: createPublisher({ nc, js, subject: target.subject, now, metrics: cfg.metrics, msgIdFor: flavour.msgIdFor }),
    consume: async (handler) => (await startConsumer(handler)).handle,
    startConsumer,
    consumerCreated,
    streamInfo: () => guard(() => jsm.streams.info(target.stream)),
    consumerInfo: async () => {
      const info = await guard(() => jsm.consumers.info(target.stream, target.durable));
      cfg.metrics?.setPending(info.num_pending);
      return info;
    },
    deleteConsumer: () => guard(() => jsm.consumers.delete(target.stream, target.durable)),
    close: async () => {
      await active?.stop();
      if (nc.isClosed()) return;
      await nc.drain().catch(() => nc.close());
    },
  };
}

/**
 * The "jetstream" mode: every publish waits for its PubAck; consume() pulls from a durable consumer
 * with explicit acks, using the seed's defaults (batch 100, 1 MiB, expires = reconnect wait,
 * inactive threshold = reconnect wait x 2) unless `consumer` overrides them.
 */
export function createJetStreamProcessor(cfg: ProcessorConfig & JetStreamModeOptions): Promise<JetStreamProcessor> {
  return openJetStreamProcessor(cfg, cfg, { mode: "jetstream" });
}
