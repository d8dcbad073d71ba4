import { describe, expect, it } from "vitest";
import { HISTOGRAM_MAX_RELATIVE_ERROR } from "./histogram.ts";
import { createLaneMetrics } from "./index.ts";

const T0 = 1_700_000_000_000;
const S0 = T0 / 1000;
const at = (seconds: number): number => T0 + seconds * 1000;

describe("LaneMetrics", () => {
  it("starts at zero with empty series and null latency", () => {
    const snap = createLaneMetrics(at(0)).snapshot(at(0.5));
    expect(snap.counters).toEqual({
      published: 0,
      publishErrors: 0,
      acked: 0,
      stored: 0,
      duplicatesRejected: 0,
      delivered: 0,
      redelivered: 0,
      consumerAcked: 0,
      pending: 0,
      lost: 0,
    });
    expect(snap.rates).toEqual({ seconds: [], published: [], delivered: [], duplicatesRejected: [], redelivered: [] });
    expect(snap.latency).toEqual({ count: 0, invalid: 0, p50: null, p90: null, p99: null, min: null, max: null, mean: null });
    expect(snap.atMs).toBe(at(0.5));
  });

  it("counts a JetStream dedupe lane's publishes, acks, duplicates and errors", () => {
    const lane = createLaneMetrics(at(0));
    for (let i = 0; i < 5; i++) lane.onPublished(at(0.1));
    lane.onPublishAck(at(0.2), false);
    lane.onPublishAck(at(0.2), false);
    lane.onPublishAck(at(0.2), true);
    lane.onPublishAck(at(1.2), true);
    lane.onPublishError();
    const { counters, rates } = lane.snapshot(at(2));
    expect(counters).toMatchObject({ published: 5, acked: 4, stored: 2, duplicatesRejected: 2, publishErrors: 1 });
    expect(rates.seconds).toEqual([S0, S0 + 1]);
    expect(rates.published).toEqual([5, 0]);
    expect(rates.duplicatesRejected).toEqual([1, 1]);
  });

  it("counts a durable lane's deliveries, redeliveries, consumer acks, pending and latency", () => {
    const lane = createLaneMetrics(at(0));
    for (let ms = 1; ms <= 100; ms++) lane.onDelivered(at(0.5), ms, false);
    lane.onDelivered(at(1.5), 30_000, true); // redelivered after an ack wait: a real, long latency
    lane.onDelivered(at(1.5), Number.NaN, true); // no timestamp header
    for (let i = 0; i < 90; i++) lane.onConsumerAck();
    lane.setPending(12);
    lane.setPending(7); // a gauge: the last value wins
    const { counters, rates, latency } = lane.snapshot(at(3));
    expect(counters).toMatchObject({ delivered: 102, redelivered: 2, consumerAcked: 90, pending: 7 });
    expect(rates.delivered).toEqual([100, 2, 0]);
    expect(rates.redelivered).toEqual([0, 2, 0]);
    expect(latency).toMatchObject({ count: 101, invalid: 1, min: 1, max: 30_000 });
    expect(latency.mean).toBeCloseTo((5050 + 30_000) / 101, 9);
    expect(Math.abs((latency.p50 ?? 0) - 51) / 51).toBeLessThanOrEqual(HISTOGRAM_MAX_RELATIVE_ERROR);
    expect(Math.abs((latency.p90 ?? 0) - 91) / 91).toBeLessThanOrEqual(HISTOGRAM_MAX_RELATIVE_ERROR);
    expect(latency.p99).toBeGreaterThan(90);
    expect(latency.p99).toBeLessThanOrEqual(101);
  });

  it("counts a first delivery of a sequence already delivered as a repeat (a killed server forgot it)", () => {
    const lane = createLaneMetrics(at(0));
    for (let seq = 1; seq <= 10; seq++) lane.onDelivered(at(0.5), 1, false, seq);
    // The server lost its record of 9 and 10: they come again with delivery count 1.
    lane.onDelivered(at(1.5), 1, false, 9);
    lane.onDelivered(at(1.5), 1, false, 10);
    lane.onDelivered(at(1.5), 1, false, 11);
    lane.onDelivered(at(1.5), 1, true, 4); // an ordinary redelivery counts once
    expect(lane.snapshot(at(2)).counters).toMatchObject({ delivered: 14, redelivered: 3 });
    // A consumer created anew replays from the start: those are first deliveries again.
    lane.forgetSequences();
    lane.onDelivered(at(1.8), 1, false, 1);
    expect(lane.snapshot(at(2)).counters).toMatchObject({ delivered: 15, redelivered: 3 });
    // Without a sequence (core NATS) nothing is a repeat.
    lane.onDelivered(at(1.8), 1, false);
    lane.onDelivered(at(1.8), 1, false);
    expect(lane.snapshot(at(2)).counters.redelivered).toBe(3);
  });

  it("sets the core lane's lost gauge", () => {
    const lane = createLaneMetrics(at(0));
    lane.setLost(3);
    lane.setLost(5);
    expect(lane.snapshot(at(1)).counters.lost).toBe(5);
  });

  it("gives independent, serialisable snapshots", () => {
    const lane = createLaneMetrics(at(0));
    lane.onPublished(at(0.5));
    lane.onDelivered(at(0.6), 4, false);
    const first = lane.snapshot(at(1));
    lane.onPublished(at(1.5));
    expect(first.counters.published).toBe(1); // not a live view
    expect(structuredClone(first)).toEqual(first);
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
  });

  it("resets everything and restarts the series at the reset time", () => {
    const lane = createLaneMetrics(at(0));
    lane.onPublished(at(0.5));
    lane.onPublishAck(at(0.5), true);
    lane.onDelivered(at(0.5), 3, true);
    lane.setPending(4);
    lane.reset(at(10));
    lane.onPublished(at(10.5));
    const snap = lane.snapshot(at(11));
    expect(snap.counters).toMatchObject({ published: 1, acked: 0, duplicatesRejected: 0, delivered: 0, pending: 0 });
    expect(snap.rates).toEqual({ seconds: [S0 + 10], published: [1], delivered: [0], duplicatesRejected: [0], redelivered: [0] });
    expect(snap.latency.count).toBe(0);
  });
});
