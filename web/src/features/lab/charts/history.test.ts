import { describe, expect, it } from "vitest";
import { combinedValues, isCombinedRestart, lanesOf, type CombinedValues } from "./combined.ts";
import { appendSample, historyRows, type History } from "./history.ts";
import { isLaneRestart, type LatencyValues } from "./latency.ts";
import { latencyLabel, rateLabel, combinedLabel } from "./labels.ts";
import type { EngineSnapshot, LaneView } from "../../../lab/contract/protocol.ts";

const T0 = 1_700_000_000_000;
const at = (s: number): number => T0 + s * 1000;
const never = () => false;

describe("appendSample", () => {
  it("keeps one sample per second: the first of each second", () => {
    let h: History<number> = [];
    h = appendSample(h, at(0.1), 1, never);
    const same = appendSample(h, at(0.9), 2, never);
    expect(same).toBe(h);
    h = appendSample(h, at(1.2), 3, never);
    expect(h.map((s) => s.values)).toEqual([1, 3]);
    expect(historyRows(h.map((s) => ({ ...s, values: { v: s.values } })))).toEqual([
      { x: -1, v: 1 },
      { x: 0, v: 3 },
    ]);
  });

  it("returns the same history when there is nothing to sample", () => {
    const h = appendSample([], at(0), 1, never);
    expect(appendSample(h, at(5), null, never)).toBe(h);
  });

  it("never grows past the window, over a long run", () => {
    let h: History<number> = [];
    for (let s = 0; s < 1000; s++) {
      h = appendSample(h, at(s + 0.5), s, never);
      expect(h.length).toBeLessThanOrEqual(60);
    }
    expect(h).toHaveLength(60);
    expect(h[0]?.values).toBe(940);
    expect(historyRows(h.map((s) => ({ ...s, values: {} })))[0]?.x).toBe(-59);
  });

  it("drops samples older than the window after a pause", () => {
    let h: History<number> = [];
    for (let s = 0; s < 10; s++) h = appendSample(h, at(s), s, never);
    h = appendSample(h, at(65), 65, never);
    expect(h.map((s) => s.values)).toEqual([6, 7, 8, 9, 65]);
  });

  it("starts afresh on a restart or a clock going back", () => {
    let h: History<number> = [];
    for (let s = 0; s < 5; s++) h = appendSample(h, at(s), s * 10, (prev, next) => next < prev);
    expect(appendSample(h, at(5), 3, (prev, next) => next < prev)).toEqual([{ second: T0 / 1000 + 5, values: 3 }]);
    expect(appendSample(h, at(2), 100, never)).toEqual([{ second: T0 / 1000 + 2, values: 100 }]);
  });
});

describe("restart tests", () => {
  const lat = (count: number, published: number, delivered: number): LatencyValues => ({ p50: 1, p99: 2, count, published, delivered });
  it("a lane restarted when any counter went backwards", () => {
    expect(isLaneRestart(lat(10, 10, 10), lat(12, 12, 12))).toBe(false);
    expect(isLaneRestart(lat(10, 10, 10), lat(0, 0, 0))).toBe(true);
    expect(isLaneRestart(lat(10, 10, 10), lat(10, 3, 10))).toBe(true);
  });

  it("the combined chart restarts when lanes change or counts go back", () => {
    const v = (published: number, lanes: Partial<CombinedValues>): CombinedValues => ({ ...lanes, published });
    expect(isCombinedRestart(v(10, { core: 5 }), v(12, { core: 7 }))).toBe(false);
    expect(isCombinedRestart(v(10, { core: 5 }), v(12, { core: 7, dedupe: 1 }))).toBe(true);
    expect(isCombinedRestart(v(10, { core: 5 }), v(2, { core: 7 }))).toBe(true);
    expect(isCombinedRestart(v(10, { core: 5 }), v(12, { core: 4 }))).toBe(true);
  });
});

describe("combinedValues", () => {
  const lane = (delivered: number) => ({ metrics: { counters: { delivered } } }) as LaneView;
  const snap = (lanes: EngineSnapshot["lanes"]): EngineSnapshot => ({
    at: T0,
    running: true,
    producer: { sent: 40, retries: 4, unique: 36, done: false },
    lanes,
  });
  it("samples what was sent and each running lane's deliveries", () => {
    const values = combinedValues(snap({ durable: lane(30), core: lane(38) }));
    expect(values).toEqual({ published: 40, core: 38, durable: 30 });
    expect(lanesOf(values ?? undefined)).toEqual(["core", "durable"]);
  });
  it("has nothing to sample when no lane runs", () => {
    expect(combinedValues(snap({}))).toBeNull();
  });
});

describe("labels", () => {
  it("summarise the latest values", () => {
    expect(rateLabel("Core NATS: published and delivered", 2, [{ name: "published", last: 100, sum: 1200 }])).toBe(
      "Core NATS: published and delivered per second over the last 2 s. Last second: 100 published. In total: 1,200 published.",
    );
    expect(rateLabel("X", 0, [])).toBe("X per second: no completed second yet.");
    expect(latencyLabel("JetStream", 3, 1.25, 12)).toBe("JetStream latency over the last 3 s: now p50 1.3 ms, p99 12 ms.");
    expect(latencyLabel("JetStream", 3, null, null)).toMatch(/no delivery measured/);
    expect(combinedLabel(1, 10, [{ title: "Core NATS", delivered: 9 }])).toContain("published 10; delivered: Core NATS 9");
  });
});
