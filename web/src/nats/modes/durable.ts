import type { ConsumerInfo, StreamInfo } from "@nats-io/jetstream";
import { millis, nanos } from "@nats-io/nats-core";
import { consumeLoop } from "../consume.ts";
import { DEFAULT_INACTIVE_THRESHOLD_MULTIPLIER } from "../constants.ts";
import { explainError, PlaygroundError } from "../errors.ts";
import type { ConsumerHandle, Delivery, DeliveryHandler, EventProcessor, ProcessorConfig, Verdict } from "../processor.ts";
import {
  createPublisher,
  ensureConsumer,
  openStreamAndConsumer,
  pullConsumerConfig,
  pullLimits,
  resolveTarget,
  type ConsumerOverrides,
  type JetStreamModeOptions,
} from "./js-common.ts";

/** nats-server's own ack wait: an unacked delivery is sent again after this long. */
export const DEFAULT_ACK_WAIT_MS = 30_000;
/**
 * Unlimited deliveries (the server's default). At-least-once means never silently giving up on a
 * message: with a limit, a message whose last allowed delivery fails is never delivered again and
 * nothing is told. Set a limit to show poison messages, and watch `hitMaxDeliver`.
 */
export const DEFAULT_MAX_DELIVER = -1;
/** A nak redelivers at once unless a delay is given. */
export const DEFAULT_NAK_DELAY_MS = 0;

/** How a simulated failure leaves a message: unacked until ack wait ends, or nak'd (with `nakDelayMs`). */
export type FailureMode = "no-ack" | "nak";

/** What became of one delivery; "simulated-failure" is the failure rate at work, the handler never saw it. */
export type DeliveryOutcome = "acked" | "simulated-failure" | "not-acked" | "terminated";

/**
 * The jetstream mode's options (subject, stream, storage, maxAgeMs, durable, pull sizes) plus what
 * makes redelivery visible. The inactive threshold is a top-level option here because it is the trap.
 */
export interface DurableModeOptions extends Omit<JetStreamModeOptions, "consumer"> {
  /** Pull sizes; the inactive threshold is `inactiveThresholdMs`. */
  consumer?: Omit<ConsumerOverrides, "inactiveThresholdMs">;
  /** Default DEFAULT_ACK_WAIT_MS (30 s). */
  ackWaitMs?: number;
  /** Deliveries per message, -1 for unlimited (DEFAULT_MAX_DELIVER). */
  maxDeliver?: number;
  /** Delay of a nak (simulated failures in "nak" mode, and a throwing handler). Default 0. */
  nakDelayMs?: number;
  /** Share of deliveries (0..1) deliberately not acked, so redelivery is visible. Default 0. */
  failureRate?: number;
  /** Default "no-ack". */
  failureMode?: FailureMode;
  /** Uniform [0, 1) source for the failure rate; tests pass a seeded one. Default Math.random. */
  random?: () => number;
  /**
   * How long the server keeps the durable consumer while no client pulls from it. Default: the seed's
   * reconnect wait x DEFAULT_INACTIVE_THRESHOLD_MULTIPLIER (5 s x 2 = 10 s). That default is the
   * seed's TRAP: since nats-server 2.9 the threshold applies to durable consumers too, so a consumer
   * stopped for longer is deleted, and startConsumer() creates it again from the start of the stream
   * (it says so). Give minutes or hours for a consumer that should survive a pause.
   */
  inactiveThresholdMs?: number;
  /** Called after every delivery with its outcome (for tests and the lab's message log). */
  observe?: (d: Delivery, outcome: DeliveryOutcome) => void;
}

/** The options as the processor uses them. */
export interface DurableSettings {
  subject: string;
  stream: string;
  durable: string;
  ackWaitMs: number;
  maxDeliver: number;
  nakDelayMs: number;
  failureRate: number;
  failureMode: FailureMode;
  inactiveThresholdMs: number;
}

/** This processor's own counts since creation. */
export interface DurableStats {
  delivered: number;
  /** Deliveries with deliveryCount > 1. */
  redelivered: number;
  acked: number;
  simulatedFailures: number;
  /** Deliveries that were the last one allowed (deliveryCount === maxDeliver) and not acked: the server sends them no more. */
  hitMaxDeliver: number;
  /** Times startConsumer() found the durable consumer deleted and created it again. */
  consumerRecreated: number;
}

/** The server's numbers for the durable consumer. */
export interface DurableConsumerInfo {
  /** Stream messages not yet delivered to this consumer. */
  numPending: number;
  /** Delivered, not acked yet. */
  numAckPending: number;
  /** Messages delivered more than once and not acked (a gauge, not a running total; 2.9.10 keeps counting one that hit max deliver). */
  numRedelivered: number;
  numWaiting: number;
  /** Last delivery: consumer sequence counts every delivery, stream sequence the newest message delivered. */
  delivered: { consumerSeq: number; streamSeq: number };
  /** Everything up to here is acked. */
  ackFloor: { consumerSeq: number; streamSeq: number };
  inactiveThresholdMs: number;
}

export interface StartResult {
  handle: ConsumerHandle;
  /** The durable consumer had been deleted (idle past its inactive threshold) and was created again. */
  consumerRecreated: boolean;
  /** A sentence for the learner when something notable happened, else null. */
  note: string | null;
}

export interface DurableProcessor extends EventProcessor {
  readonly mode: "durable";
  readonly stream: string;
  readonly durable: string;
  /** The settings in force (the failure rate changes with setFailureRate). */
  readonly settings: Readonly<DurableSettings>;
  /** Whether a consume loop is running. */
  readonly consuming: boolean;
  /** The stream as the server sees it. */
  streamInfo(): Promise<StreamInfo>;
  /** Opening it created the durable consumer (none existed): it starts from the stream's first message. */
  readonly consumerCreated: boolean;
  /** Resumes after the last acked message; recreates (and says so) a consumer the server deleted. */
  startConsumer(handler: DeliveryHandler): Promise<StartResult>;
  /** Ends the consume loop; the durable consumer stays on the server (until its inactive threshold). */
  stopConsumer(): Promise<void>;
  /** Creates the durable consumer if the server has none (others consume from it: a worker pool); true when it had to. */
  ensureConsumer(): Promise<boolean>;
  /** The server's view, or null when the consumer no longer exists; updates metrics' pending. */
  consumerInfo(): Promise<DurableConsumerInfo | null>;
  stats(): DurableStats;
  /** Changes the simulated failure rate (0..1) while running: the lab's "inject fault". */
  setFailureRate(rate: number): void;
}

/** What the learner reads when the inactive-threshold trap has fired. */
export function consumerGoneNote(inactiveThresholdMs: number): string {
  return (
    `The durable consumer was gone (idle longer than its inactive threshold, ${inactiveThresholdMs / 1000} s): ` +
    "it was created again and starts from the beginning of the stream."
  );
}

const rateProblem = (rate: number) => (rate >= 0 && rate <= 1 ? null : "The failure rate is a share between 0 and 1.");

function resolve(cfg: ProcessorConfig, o: DurableModeOptions): DurableSettings {
  const s: DurableSettings = {
    ...resolveTarget(cfg, o),
    ackWaitMs: o.ackWaitMs ?? DEFAULT_ACK_WAIT_MS,
    maxDeliver: o.maxDeliver ?? DEFAULT_MAX_DELIVER,
    nakDelayMs: o.nakDelayMs ?? DEFAULT_NAK_DELAY_MS,
    failureRate: o.failureRate ?? 0,
    failureMode: o.failureMode ?? "no-ack",
    inactiveThresholdMs: o.inactiveThresholdMs ?? cfg.connection.reconnectWaitSeconds * 1000 * DEFAULT_INACTIVE_THRESHOLD_MULTIPLIER,
  };
  const problem =
    (s.ackWaitMs >= 1 ? null : "Ack wait must be a positive number of milliseconds.") ??
    (s.maxDeliver === -1 || (Number.isInteger(s.maxDeliver) && s.maxDeliver >= 1)
      ? null
      : "Max deliver must be -1 (unlimited) or a whole number ≥ 1.") ??
    (s.nakDelayMs >= 0 ? null : "The nak delay cannot be negative.") ??
    rateProblem(s.failureRate) ??
    (s.inactiveThresholdMs >= 1 ? null : "The inactive threshold must be a positive number of milliseconds.");
  if (problem) throw new PlaygroundError("invalid-setting", problem);
  return s;
}

function toInfo(ci: ConsumerInfo): DurableConsumerInfo {
  return {
    numPending: ci.num_pending,
    numAckPending: ci.num_ack_pending,
    numRedelivered: ci.num_redelivered,
    numWaiting: ci.num_waiting,
    delivered: { consumerSeq: ci.delivered.consumer_seq, streamSeq: ci.delivered.stream_seq },
    ackFloor: { consumerSeq: ci.ack_floor.consumer_seq, streamSeq: ci.ack_floor.stream_seq },
    inactiveThresholdMs: ci.config.inactive_threshold ? millis(ci.config.inactive_threshold) : 0,
  };
}

/** Counts one settled delivery; shared by nothing else, kept apart so the loop body stays readable. */
function count(stats: DurableStats, d: Delivery, outcome: DeliveryOutcome, maxDeliver: number): void {
  stats.delivered++;
  if (d.deliveryCount > 1) stats.redelivered++;
  if (outcome === "acked") stats.acked++;
  if (outcome === "simulated-failure") stats.simulatedFailures++;
  if ((outcome === "simulated-failure" || outcome === "not-acked") && d.deliveryCount === maxDeliver) stats.hitMaxDeliver++;
}

/**
 * The seed's "Streaming" mode rebuilt on JetStream (NATS Streaming is end-of-life): a stream, a
 * durable pull consumer with explicit acks, ack wait, max deliver, nak with delay and a simulated
 * failure rate. At-least-once: stop and start the consumer and it resumes after the last acked
 * message; whatever was not acked comes again.
 */
export async function createDurableProcessor(cfg: ProcessorConfig & DurableModeOptions): Promise<DurableProcessor> {
  const s = resolve(cfg, cfg);
  const now = cfg.now ?? Date.now;
  const random = cfg.random ?? Math.random;
  const consumerConfig = {
    ...pullConsumerConfig(cfg, s.durable, { ...cfg.consumer, inactiveThresholdMs: s.inactiveThresholdMs }),
    ack_wait: nanos(s.ackWaitMs),
    max_deliver: s.maxDeliver,
  };
  const spec = { name: s.stream, subjects: [s.subject], storage: cfg.storage ?? "file", maxAgeMs: cfg.maxAgeMs };
  const { nc, js, jsm, consumerCreated } = await openStreamAndConsumer(cfg, spec, consumerConfig);
  const stats: DurableStats = { delivered: 0, redelivered: 0, acked: 0, simulatedFailures: 0, hitMaxDeliver: 0, consumerRecreated: 0 };
  let loop: ConsumerHandle | undefined;
  let starting = false;

  const settleWith =
    (handler: DeliveryHandler) =>
    async (d: Delivery): Promise<Verdict> => {
      let verdict: Verdict;
      const failing = s.failureRate > 0 && random() < s.failureRate;
      if (failing) verdict = s.failureMode === "nak" ? { nak: s.nakDelayMs } : "skip";
      else {
        try {
          verdict = await handler(d);
        } catch {
          verdict = { nak: s.nakDelayMs };
        }
      }
      const acked = verdict === undefined || verdict === "ack";
      const outcome: DeliveryOutcome = failing ? "simulated-failure" : acked ? "acked" : verdict === "term" ? "terminated" : "not-acked";
      count(stats, d, outcome, s.maxDeliver);
      cfg.observe?.(d, outcome);
      return verdict;
    };

  const start = async (handler: DeliveryHandler): Promise<StartResult> => {
    // It existed when the processor opened: having to create it now means the server deleted it meanwhile.
    const { info, created: recreated } = await ensureConsumer(jsm, s.stream, consumerConfig);
    if (recreated) stats.consumerRecreated++;
    let consumer;
    try {
      consumer = await js.consumers.get(s.stream, s.durable);
    } catch (err) {
      throw explainError(err);
    }
    const handle = consumeLoop(consumer, settleWith(handler), {
      metrics: cfg.metrics,
      now,
      ...pullLimits(info, cfg.connection.reconnectWaitSeconds * 1000),
    });
    loop = handle;
    void handle.ended.then(() => {
      if (loop === handle) loop = undefined;
    });
    return { handle, consumerRecreated: recreated, note: recreated ? consumerGoneNote(s.inactiveThresholdMs) : null };
  };

  const processor: DurableProcessor = {
    mode: "durable",
    subject: s.subject,
    stream: s.stream,
    durable: s.durable,
    settings: s,
    connection: nc,
    consumerCreated,
    get consuming() {
      return loop !== undefined;
    },
    publish: createPublisher({ nc, js, subject: s.subject, now, metrics: cfg.metrics }),
    async startConsumer(handler) {
      if (loop || starting)
        throw new PlaygroundError("invalid-operation", "This consumer is already running: stop it before starting it again.");
      starting = true;
      try {
        return await start(handler);
      } finally {
        starting = false;
      }
    },
    async stopConsumer() {
      const handle = loop;
      loop = undefined;
      await handle?.stop();
    },
    async consume(handler) {
      return (await processor.startConsumer(handler)).handle;
    },
    async ensureConsumer() {
      const { created } = await ensureConsumer(jsm, s.stream, consumerConfig);
      if (created) stats.consumerRecreated++;
      return created;
    },
    async consumerInfo() {
      try {
        const info = toInfo(await jsm.consumers.info(s.stream, s.durable));
        cfg.metrics?.setPending(info.numPending);
        return info;
      } catch (err) {
        if ((err as Error | undefined)?.name === "ConsumerNotFoundError") return null;
        throw explainError(err);
      }
    },
    async streamInfo() {
      try {
        return await jsm.streams.info(s.stream);
      } catch (err) {
        throw explainError(err);
      }
    },
    stats: () => ({ ...stats }),
    setFailureRate(rate) {
      const problem = rateProblem(rate);
      if (problem) throw new PlaygroundError("invalid-setting", problem);
      s.failureRate = rate;
    },
    async close() {
      await processor.stopConsumer();
      if (!nc.isClosed()) await nc.drain().catch(() => nc.close());
    },
  };
  return processor;
}
