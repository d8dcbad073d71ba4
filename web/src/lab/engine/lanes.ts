// One adapter per client mode: how the lab opens a lane's publisher and consumer, starts and stops
// consuming, and asks the server for its numbers. The lane runtime (lane.ts) only sees LaneParts.
import type { LaneMetrics } from "../../metrics/index.ts";
import { consumerView, streamView, type ConsumerView, type StreamView } from "../../nats/inspect.ts";
import { createDedupeProcessor } from "../../nats/modes/dedupe.ts";
import { createDurableProcessor, type DurableConsumerInfo } from "../../nats/modes/durable.ts";
import { createJetStreamProcessor } from "../../nats/modes/jetstream.ts";
import { createSimpleProcessor } from "../../nats/modes/simple.ts";
import type { Namespace } from "../../nats/namespace.ts";
import type { ConsumerHandle, Delivery, DeliveryHandler, EventProcessor, ProcessorConfig } from "../../nats/processor.ts";
import type { ConnectionSettings } from "../../nats/settings.ts";
import type { LaneId, LaneSettings } from "../protocol.ts";
import { SLOW_PENDING } from "./slow.ts";

export interface LaneParts {
  publisher: EventProcessor;
  consumer: EventProcessor;
  stream?: string;
  /**
   * Opening created the durable consumer: none existed (a first start, or the server deleted it while
   * the lane was away), so it starts from the stream's first message. Always false for core.
   */
  consumerCreated: boolean;
  /** Starts consuming; true when the durable consumer had to be created anew (deleted meanwhile: it starts over). */
  start(handler: DeliveryHandler): Promise<boolean>;
  stop(): Promise<void>;
  inspect(): Promise<{ stream?: StreamView; consumer?: ConsumerView; atMaxDeliver: number }>;
  close(): Promise<void>;
}

export interface LaneContext {
  connection: ConnectionSettings;
  namespace: Namespace;
  metrics: LaneMetrics;
  now: () => number;
  random: () => number;
  settings: LaneSettings;
  /** Durable lane: every delivery and what became of it, including simulated failures the handler never sees. */
  observe: (d: Delivery, outcome: "acked" | "simulated-failure" | "not-acked" | "terminated") => void;
}

const base = (ctx: LaneContext, id: LaneId, role: "pub" | "sub"): ProcessorConfig => ({
  connection: ctx.connection,
  namespace: ctx.namespace,
  name: id,
  metrics: ctx.metrics,
  now: ctx.now,
  clientName: `${ctx.namespace.area}.${ctx.namespace.pid}.${id}.${role}`,
});

function durableView(info: DurableConsumerInfo | null): ConsumerView {
  if (!info) return consumerView(null);
  return {
    exists: true,
    pending: info.numPending,
    ackPending: info.numAckPending,
    redelivered: info.numRedelivered,
    deliveredConsumerSeq: info.delivered.consumerSeq,
    deliveredStreamSeq: info.delivered.streamSeq,
    ackFloorStreamSeq: info.ackFloor.streamSeq,
  };
}

/** Closes whatever was opened if a later step fails, so a failed start leaves no connection behind. */
async function both<T extends EventProcessor>(open: (role: "pub" | "sub") => Promise<T>): Promise<[T, T]> {
  const pub = await open("pub");
  try {
    return [pub, await open("sub")];
  } catch (err) {
    await pub.close().catch(() => undefined);
    throw err;
  }
}

/** start and stop around a consume loop; `consume` tells whether it had to create the consumer anew. */
function withHandle(consume: (h: DeliveryHandler) => Promise<{ handle: ConsumerHandle; consumerRecreated: boolean }>) {
  let handle: ConsumerHandle | null = null;
  return {
    start: async (h: DeliveryHandler) => {
      const started = await consume(h);
      handle = started.handle;
      return started.consumerRecreated;
    },
    stop: async () => {
      await handle?.stop();
      handle = null;
    },
  };
}

export async function openLane(id: LaneId, ctx: LaneContext): Promise<LaneParts> {
  const s = ctx.settings;
  const consumerOverrides = { inactiveThresholdMs: s.inactiveThresholdMs };
  switch (id) {
    case "core": {
      const [publisher, consumer] = await both((role) => createSimpleProcessor({ ...base(ctx, id, role), slowPending: SLOW_PENDING }));
      return {
        publisher,
        consumer,
        consumerCreated: false,
        ...withHandle(async (h) => ({ handle: await consumer.consume(h), consumerRecreated: false })),
        inspect: async () => ({ atMaxDeliver: 0 }),
        close: () => closeAll(publisher, consumer),
      };
    }
    case "jetstream":
    case "dedupe": {
      const open = (role: "pub" | "sub") =>
        id === "jetstream"
          ? createJetStreamProcessor({ ...base(ctx, id, role), consumer: consumerOverrides })
          : createDedupeProcessor({
              ...base(ctx, id, role),
              consumer: consumerOverrides,
              duplicateWindowMs: s.duplicateWindowMs,
              msgIdStrategy: s.msgIdStrategy,
            });
      const [publisher, consumer] = await both(open);
      return {
        publisher,
        consumer,
        stream: consumer.stream,
        // The publisher opens first: it may be the one that created the consumer.
        consumerCreated: publisher.consumerCreated || consumer.consumerCreated,
        ...withHandle((h) => consumer.startConsumer(h)),
        inspect: async () => ({
          stream: streamView(await consumer.streamInfo()),
          consumer: consumerView(await consumer.consumerInfo().catch(() => null)),
          atMaxDeliver: 0,
        }),
        close: () => closeAll(publisher, consumer),
      };
    }
    case "durable": {
      const opts = {
        ackWaitMs: s.ackWaitMs,
        maxDeliver: s.maxDeliver,
        failureRate: s.failureRate,
        inactiveThresholdMs: s.inactiveThresholdMs,
        random: ctx.random,
        observe: ctx.observe,
      };
      const [publisher, consumer] = await both((role) => createDurableProcessor({ ...base(ctx, id, role), ...opts }));
      return {
        publisher,
        consumer,
        stream: consumer.stream,
        consumerCreated: publisher.consumerCreated || consumer.consumerCreated,
        start: async (h) => (await consumer.startConsumer(h)).consumerRecreated,
        stop: () => consumer.stopConsumer(),
        inspect: async () => ({
          stream: streamView(await consumer.streamInfo()),
          consumer: durableView(await consumer.consumerInfo()),
          atMaxDeliver: consumer.stats().hitMaxDeliver,
        }),
        close: () => closeAll(publisher, consumer),
      };
    }
  }
}

async function closeAll(...ps: EventProcessor[]): Promise<void> {
  await Promise.all(ps.map((p) => p.close().catch(() => undefined)));
}
