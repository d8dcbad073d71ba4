// Core NATS: a plain publisher and subscriber; nothing is stored.
import { createSimpleProcessor } from "../../../nats/modes/simple.ts";
import { SLOW_PENDING } from "../slow.ts";
import { base, both, closeAll, withHandle, type EngineMode } from "./shared.ts";

export const mode: EngineMode<"core"> = {
  async open(id, ctx) {
    const [publisher, consumer] = await both((role) => createSimpleProcessor({ ...base(ctx, id, role), slowPending: SLOW_PENDING }));
    return {
      publisher,
      consumer,
      consumerCreated: false,
      ...withHandle(async (h) => ({ handle: await consumer.consume(h), consumerRecreated: false })),
      inspect: async () => ({ atMaxDeliver: 0 }),
      close: () => closeAll(publisher, consumer),
    };
  },
};
