import { describe, expect, it } from "vitest";
import { CATCH_UP_STALLED_LOOKS, caughtUpNote, createCatchUp, createDeliveryGaps, sameBytes, SLOW_PENDING, slowNote } from "./slow.ts";

const msg = (s: string) => new TextEncoder().encode(s);

describe("createDeliveryGaps", () => {
  it("counts nothing lost when every message arrives in order", () => {
    const g = createDeliveryGaps();
    for (const s of ["a", "b", "c"]) g.sent(msg(s));
    expect([g.received(msg("a")), g.received(msg("b")), g.received(msg("c"))]).toEqual([0, 0, 0]);
    expect(g.lost).toBe(0);
    expect(g.waiting).toBe(0);
  });

  it("counts the holes an arrival proves", () => {
    const g = createDeliveryGaps();
    for (const s of ["1", "2", "3", "4", "5", "6"]) g.sent(msg(s));
    expect(g.received(msg("1"))).toBe(0);
    expect(g.received(msg("5"))).toBe(3);
    expect(g.lost).toBe(3);
    // Still in flight, not lost yet.
    expect(g.waiting).toBe(1);
  });

  it("tells identical retries apart by order (the same bytes sent twice)", () => {
    const g = createDeliveryGaps();
    for (const s of ["a", "b", "a", "c"]) g.sent(msg(s));
    g.received(msg("a"));
    g.received(msg("c"));
    expect(g.lost).toBe(2);
    expect(g.waiting).toBe(0);
  });

  it("ignores a message it never sent", () => {
    const g = createDeliveryGaps();
    g.sent(msg("a"));
    expect(g.received(msg("someone else"))).toBe(0);
    expect(g.lost).toBe(0);
    expect(g.waiting).toBe(1);
  });

  it("counts the oldest as lost beyond its limit", () => {
    const g = createDeliveryGaps(2);
    for (const s of ["a", "b", "c"]) g.sent(msg(s));
    expect(g.lost).toBe(1);
    expect(g.waiting).toBe(2);
  });

  it("stays exact over many messages (compaction keeps the order)", () => {
    const g = createDeliveryGaps();
    let lost = 0;
    // The last one arrives, so every hole before it is proved.
    for (let i = 0; i < 10_001; i++) g.sent(msg(String(i)));
    for (let i = 0; i < 10_001; i++) {
      if (i % 7 === 3 && i < 10_000) lost++;
      else g.received(msg(String(i)));
    }
    expect(g.lost).toBe(lost);
    expect(g.waiting).toBe(0);
  });
});

describe("slow consumer notes", () => {
  it("says where the backlog is: in the client for core, in the stream for a pull consumer", () => {
    expect(slowNote(false, 1234, true)).toContain("1,234 messages waiting in the client (the client library flagged it above 100)");
    expect(slowNote(true, 0, false)).toContain("waits in the stream");
    expect(caughtUpNote(false, 4000, 0)).toBe("Slow consumer caught up: up to 4,000 messages waited in the client; none was lost.");
    expect(caughtUpNote(false, 10, 3)).toContain("3 were lost");
  });
});

describe("catching up after the slow consumer fault", () => {
  /** How many looks it takes to end, or null if it has not ended after them all. */
  const looksUntilCaughtUp = (waiting: number[]): number | null => {
    const c = createCatchUp();
    const i = waiting.findIndex((w) => !c.catchingUp(w));
    return i === -1 ? null : i + 1;
  };

  it("ends as soon as few messages wait", () => {
    expect(looksUntilCaughtUp([5_000, 2_000, 600, SLOW_PENDING])).toBe(4);
    expect(looksUntilCaughtUp([0])).toBe(1);
  });

  it("ends at a high rate, where the messages in flight alone stay above the slow-consumer threshold", () => {
    // A backlog worked off down to ~1,000 in flight (50k events/s), with noise around it.
    const draining = [20_000, 15_000, 10_000, 6_000, 3_000, 1_200];
    const plateau = Array.from({ length: 30 }, (_, i) => 1_000 + ((i * 379) % 400) - 200);
    const n = looksUntilCaughtUp([...draining, ...plateau]);
    expect(n).not.toBeNull();
    expect(n).toBeLessThanOrEqual(draining.length + CATCH_UP_STALLED_LOOKS + 2);
  });

  it("goes on while the backlog still falls, or grows again", () => {
    const falling = Array.from({ length: 40 }, (_, i) => Math.round(100_000 * 0.85 ** i) + SLOW_PENDING + 1);
    expect(looksUntilCaughtUp(falling)).toBeNull();
    // It stopped falling at 1,000, then grows: a consumer that cannot keep up at all is not caught up.
    const growing = [1_000, ...Array.from({ length: 30 }, (_, i) => 2_500 + i * 500)];
    expect(looksUntilCaughtUp(growing)).toBeNull();
  });
});

describe("sameBytes", () => {
  it("compares length and every byte", () => {
    expect(sameBytes(msg("abc"), msg("abc"))).toBe(true);
    expect(sameBytes(msg("abc"), msg("abd"))).toBe(false);
    expect(sameBytes(msg("ab"), msg("abc"))).toBe(false);
  });
});
