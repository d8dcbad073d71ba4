import { describe, expect, it } from "vitest";
import {
  HISTOGRAM_BUCKET_COUNT,
  HISTOGRAM_MAX_MS,
  HISTOGRAM_MAX_RELATIVE_ERROR,
  HISTOGRAM_MIN_MS,
  LatencyHistogram,
  histogramUpperBoundsMs,
} from "./histogram.ts";

const within = (actual: number, expected: number, relative = HISTOGRAM_MAX_RELATIVE_ERROR): void => {
  expect(Math.abs(actual - expected) / expected).toBeLessThanOrEqual(relative);
};

describe("bucket layout", () => {
  it("spans 0.1 ms to 100 s in 193 log-spaced buckets with exact decade bounds", () => {
    const bounds = histogramUpperBoundsMs();
    expect(bounds).toHaveLength(HISTOGRAM_BUCKET_COUNT);
    expect(HISTOGRAM_BUCKET_COUNT).toBe(193);
    expect(bounds[0]).toBe(HISTOGRAM_MIN_MS);
    expect(bounds[32]).toBe(1);
    expect(bounds[64]).toBe(10);
    expect(bounds.at(-1)).toBe(HISTOGRAM_MAX_MS);
    for (let i = 1; i < bounds.length; i++) within((bounds[i] ?? 0) / (bounds[i - 1] ?? 1), 1 + HISTOGRAM_MAX_RELATIVE_ERROR, 1e-9);
    expect(HISTOGRAM_MAX_RELATIVE_ERROR).toBeCloseTo(0.0746, 4);
  });
});

describe("LatencyHistogram", () => {
  it("estimates percentiles of 1..1000 ms uniform within one bucket's error", () => {
    const h = new LatencyHistogram();
    for (let ms = 1; ms <= 1000; ms++) h.record(ms);
    expect(h.count).toBe(1000);
    within(h.percentile(50), 500);
    within(h.percentile(90), 900);
    within(h.percentile(99), 990);
    expect(h.percentile(0)).toBe(1);
    expect(h.percentile(100)).toBe(1000);
    expect(h.min).toBe(1);
    expect(h.max).toBe(1000);
    expect(h.mean).toBe(500.5);
  });

  it("keeps percentiles within the stated error on a skewed distribution", () => {
    const h = new LatencyHistogram();
    // 90 % fast (2 ms), 9 % slow (40 ms), 1 % very slow (3 s): p50 fast, p90/p99 in the tails.
    for (let i = 0; i < 10_000; i++) h.record(i % 100 < 90 ? 2 : i % 100 < 99 ? 40 : 3_000);
    within(h.percentile(50), 2);
    within(h.percentile(90), 2);
    within(h.percentile(95), 40);
    within(h.percentile(99), 40);
    within(h.percentile(99.5), 3_000);
  });

  it("returns a repeated value exactly", () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 100; i++) h.record(12.34);
    expect([h.percentile(50), h.percentile(99)]).toEqual([12.34, 12.34]);
  });

  it("keeps out-of-range values in the first and last buckets without losing min and max", () => {
    const h = new LatencyHistogram();
    h.record(0);
    h.record(0.01);
    h.record(250_000); // 250 s, past the last bound
    h.record(400_000);
    expect(h.count).toBe(4);
    expect(h.invalid).toBe(0);
    expect(h.min).toBe(0);
    expect(h.max).toBe(400_000);
    expect(h.percentile(25)).toBeLessThanOrEqual(HISTOGRAM_MIN_MS);
    expect(h.percentile(100)).toBe(400_000);
    expect(h.percentile(90)).toBeGreaterThan(HISTOGRAM_MAX_MS);
  });

  it("counts NaN, negative and infinite values as invalid and ignores them", () => {
    const h = new LatencyHistogram();
    h.record(Number.NaN);
    h.record(-1);
    h.record(Number.POSITIVE_INFINITY);
    h.record(5);
    expect(h.invalid).toBe(3);
    expect(h.count).toBe(1);
    expect(h.mean).toBe(5);
    expect(h.percentile(99)).toBe(5);
  });

  it("is empty (NaN) before any sample and after reset", () => {
    const h = new LatencyHistogram();
    expect(h.percentile(50)).toBeNaN();
    expect([h.min, h.max, h.mean]).toEqual([NaN, NaN, NaN]);
    h.record(3);
    h.record(-3);
    h.reset();
    expect([h.count, h.invalid]).toEqual([0, 0]);
    expect(h.percentile(50)).toBeNaN();
    h.record(7);
    expect(h.percentile(50)).toBe(7);
  });

  it("rejects percentiles outside 0..100", () => {
    const h = new LatencyHistogram();
    expect(() => h.percentile(-1)).toThrow(RangeError);
    expect(() => h.percentile(101)).toThrow(RangeError);
    expect(() => h.percentile(Number.NaN)).toThrow(RangeError);
  });
});
