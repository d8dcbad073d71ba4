import { describe, expect, it } from "vitest";
import { RATE_WINDOW_SECONDS, createLaneMetrics, type LaneSnapshot } from "./index.ts";

const EVENTS = 2_000_000;
const SIMULATED_MS = 2 * 60 * 60 * 1000; // two hours
const SNAPSHOT_EVERY_MS = 1_000; // fewer than the worker's 10 Hz keeps the test fast; the cost per snapshot is the same
// `gc` only exists when Node runs with --expose-gc; without it heap figures are too noisy to assert on.
const gc = (globalThis as { gc?: () => void }).gc;

function seriesLengths(snap: LaneSnapshot): number[] {
  const { seconds, published, delivered, duplicatesRejected, redelivered } = snap.rates;
  return [seconds, published, delivered, duplicatesRejected, redelivered].map((a) => a.length);
}

describe("memory stays flat", () => {
  it("keeps snapshots bounded over 2,000,000 events in a simulated two hours", () => {
    const t0 = 1_700_000_000_000;
    const lane = createLaneMetrics(t0);
    const step = SIMULATED_MS / EVENTS; // 3.6 ms between events, ~278 events/s
    const sizes: number[] = [];
    let nextSnapshot = t0 + SNAPSHOT_EVERY_MS;
    let bytesAtOneMinute = 0;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;

    for (let i = 0; i < EVENTS; i++) {
      const now = t0 + i * step;
      lane.onPublished(now);
      lane.onPublishAck(now, i % 100 === 0);
      lane.onDelivered(now, 1 + (i % 500), i % 1000 === 0);
      lane.onConsumerAck();
      if (now >= nextSnapshot) {
        const snap = lane.snapshot(now);
        const lengths = seriesLengths(snap);
        for (const length of lengths) expect(length).toBe(lengths[0]);
        sizes.push(lengths[0] ?? 0);
        if (sizes.length === RATE_WINDOW_SECONDS) bytesAtOneMinute = JSON.stringify(snap).length;
        nextSnapshot += SNAPSHOT_EVERY_MS;
      }
    }

    const last = lane.snapshot(t0 + SIMULATED_MS);
    gc?.();
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    expect(sizes.length).toBeGreaterThan(7_000);
    expect(Math.max(...sizes)).toBe(RATE_WINDOW_SECONDS);
    expect(sizes.at(-1)).toBe(RATE_WINDOW_SECONDS);
    // Every event was counted, and the series still show a steady ~278/s rather than growing or drifting.
    expect(last.counters).toMatchObject({ published: EVENTS, acked: EVENTS, duplicatesRejected: EVENTS / 100, redelivered: EVENTS / 1000 });
    for (const perSecond of last.rates.published) expect(Math.abs(perSecond - 1000 / step)).toBeLessThanOrEqual(1);
    expect(last.latency.count).toBe(EVENTS);
    // Two hours in, a snapshot is no bigger than one taken a minute in, give or take longer numbers.
    expect(bytesAtOneMinute).toBeGreaterThan(1_000);
    expect(JSON.stringify(last).length).toBeLessThan(bytesAtOneMinute + 200);
    if (gc) expect(heapGrowth).toBeLessThan(2 * 1024 * 1024);
  }, 60_000);
});
