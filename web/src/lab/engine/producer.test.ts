import { describe, expect, it } from "vitest";
import { createProducer, producerProblems } from "./producer.ts";
import { seededRandom } from "./random.ts";

describe("producer", () => {
  it("sends at the configured rate and stops at maxEvents", () => {
    const p = createProducer({ ratePerSecond: 100, payloadBytes: 0, retryShare: 0, maxEvents: 150 }, 0, seededRandom(1));
    expect(p.due(0)).toBe(1);
    expect(p.due(500)).toBe(51);
    for (let i = 0; i < 51; i++) p.next(500);
    expect(p.due(500)).toBe(0);
    expect(p.due(10_000)).toBe(99);
    for (let i = 0; i < 99; i++) p.next(10_000);
    expect(p.done).toBe(true);
    expect(p.stats()).toEqual({ sent: 150, retries: 0, unique: 150 });
  });

  it("re-sends earlier events unchanged for the retry share, and counts them", () => {
    const p = createProducer({ ratePerSecond: 1000, payloadBytes: 0, retryShare: 0.1, maxEvents: 10_000 }, 0, seededRandom(42));
    const ids = new Map<string, number>();
    let retries = 0;
    while (!p.done) {
      const s = p.next(0);
      if (s.retry) {
        retries++;
        expect(ids.has(s.event.id)).toBe(true);
      }
      ids.set(s.event.id, (ids.get(s.event.id) ?? 0) + 1);
    }
    const { sent, retries: counted, unique } = p.stats();
    expect(counted).toBe(retries);
    expect(sent).toBe(10_000);
    expect(unique + counted).toBe(sent);
    expect(ids.size).toBe(unique);
    expect(counted / sent).toBeGreaterThan(0.08);
    expect(counted / sent).toBeLessThan(0.12);
  });

  it("held (a lane gave up), it owes nothing for the pause: no burst after release", () => {
    const p = createProducer({ ratePerSecond: 100, payloadBytes: 0, retryShare: 0 }, 0, seededRandom(1));
    for (let i = p.due(1_000); i > 0; i--) p.next(1_000);
    expect(p.stats().sent).toBe(101);
    p.hold(1_000);
    p.hold(5_000); // a second hold keeps the first start
    expect(p.held).toBe(true);
    expect(p.due(20_000)).toBe(0);
    p.release(21_000);
    expect(p.held).toBe(false);
    // 20 s held: at 21.5 s the rate owes what 1.5 s of running allow, not 21.5 s.
    expect(p.due(21_500)).toBe(50);
    p.release(22_000); // releasing twice changes nothing
    expect(p.due(21_500)).toBe(50);
  });

  it("explains bad settings field by field", () => {
    expect(producerProblems({ ratePerSecond: Number.NaN, payloadBytes: -1, retryShare: 2, maxEvents: 0 })).toEqual({
      ratePerSecond: expect.stringContaining("from 1 to 50,000"),
      payloadBytes: expect.stringContaining("whole number of bytes"),
      retryShare: expect.stringContaining("between 0 % and 90 %"),
      maxEvents: expect.stringContaining("above 0"),
    });
    expect(producerProblems({ ratePerSecond: 10, payloadBytes: 200, retryShare: 0.1 })).toEqual({});
  });
});
