// The durable at-least-once consumer: ack wait, max deliver and a simulated failure rate.
import { consumerView, streamView, type ConsumerView } from "../../../nats/inspect.ts";
import { createDurableProcessor, type DurableConsumerInfo } from "../../../nats/modes/durable.ts";
import { base, both, closeAll, type EngineMode } from "./shared.ts";

export function durableView(info: DurableConsumerInfo | null): ConsumerView {
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

export const mode: EngineMode<"durable"> = {
  reportsOutcomes: true,
  async open(id, ctx) {
    const s = ctx.settings;
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
  },
};
