// JetStream with a duplicate window and a Nats-Msg-Id on every publish.
import { createDedupeProcessor } from "../../../nats/modes/dedupe.ts";
import { jetStreamParts } from "./js-parts.ts";
import { base, both, type EngineMode } from "./shared.ts";

export const mode: EngineMode<"dedupe"> = {
  async open(id, ctx) {
    const s = ctx.settings;
    const open = (role: "pub" | "sub") =>
      createDedupeProcessor({
        ...base(ctx, id, role),
        consumer: { inactiveThresholdMs: s.inactiveThresholdMs },
        duplicateWindowMs: s.duplicateWindowMs,
        msgIdStrategy: s.msgIdStrategy,
      });
    return jetStreamParts(await both(open));
  },
};
