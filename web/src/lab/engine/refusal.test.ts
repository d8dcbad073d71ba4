import { describe, expect, it } from "vitest";
import { createRefusal, REFUSAL_RETRY_MS, storeLostNote } from "./refusal.ts";

describe("a lane the server refuses", () => {
  it("pauses at the first refusal, lets one event through per retry interval, and ends at the first stored one", () => {
    const r = createRefusal();
    expect(r.holding(0)).toBe(false);
    expect(r.refused(1_000, { message: "JetStream has no room for this.", detail: "insufficient resources" })).toBe(true);
    expect(r.refused(1_001, { message: "JetStream has no room for this.", detail: "insufficient resources" })).toBe(false);
    expect(r.holding(1_500)).toBe(true);
    expect(r.holding(1_000 + REFUSAL_RETRY_MS)).toBe(false);
    r.tried(1_000 + REFUSAL_RETRY_MS);
    expect(r.holding(1_000 + REFUSAL_RETRY_MS + 1)).toBe(true);
    expect(r.note()).toBe(
      "Paused: the server refuses what this lane publishes. JetStream has no room for this. (the server said: “insufficient resources”) The producer waits for this lane and tries one event again every 2 s; 2 publishes refused so far.",
    );
    expect(r.accepted(9_000)).toEqual({ pausedMs: 8_000, refused: 2 });
    expect(r.active).toBe(false);
    expect(r.note()).toBeUndefined();
    expect(r.accepted(9_500)).toBeNull();
  });

  it("the empty-store note gives the counts", () => {
    expect(storeLostNote("LAB_X_DURABLE", 237, 300)).toContain(
      "of the 300 messages it had stored for this lane, the server lost 237 acked messages (a PubAck had said stored; never delivered)",
    );
    expect(storeLostNote("S", 0, 10)).toContain("nothing acked was lost");
    expect(storeLostNote("S", 1, 10)).toContain("lost 1 acked message (");
  });
});
