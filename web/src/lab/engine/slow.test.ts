import { describe, expect, it } from "vitest";
import { caughtUpNote, createDeliveryGaps, slowNote } from "./slow.ts";

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
    expect(slowNote("core", 1234, true)).toContain("1,234 messages waiting in the client (the client library flagged it above 100)");
    expect(slowNote("jetstream", 0, false)).toContain("waits in the stream");
    expect(caughtUpNote("core", 4000, 0)).toBe("Slow consumer caught up: up to 4,000 messages waited in the client; none was lost.");
    expect(caughtUpNote("core", 10, 3)).toContain("3 were lost");
  });
});
