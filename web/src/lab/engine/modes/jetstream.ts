// JetStream: a stream and a durable pull consumer with explicit acks.
import { createJetStreamProcessor } from "../../../nats/modes/jetstream.ts";
import { jetStreamParts } from "./js-parts.ts";
import { base, both, type EngineMode } from "./shared.ts";

export const mode: EngineMode<"jetstream"> = {
  async open(id, ctx) {
    const consumer = { inactiveThresholdMs: ctx.settings.inactiveThresholdMs };
    return jetStreamParts(await both((role) => createJetStreamProcessor({ ...base(ctx, id, role), consumer })));
  },
};
