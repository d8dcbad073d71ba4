import { describe, expect, it } from "vitest";
import { fmt, growth, leastSquares, loadAverage, median, pairOrder, quantile, smoothness, spread, table, trend } from "./stats.ts";

describe("benchmark statistics", () => {
  it("quantiles by nearest rank, medians of odd and even sets", () => {
    const v = [5, 1, 4, 2, 3];
    expect(quantile(v, 0.5)).toBe(3);
    expect(quantile(v, 0.95)).toBe(5);
    expect(quantile(v, 0)).toBe(1);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it("summarises ratios with their spread", () => {
    expect(spread([0.9, 1.1, 1.0])).toEqual({ median: 1.0, min: 0.9, max: 1.1, n: 3 });
  });

  it("counts long tasks over 100 ms and reads frame percentiles", () => {
    const frames = Array.from({ length: 100 }, (_, i) => (i < 96 ? 16.7 : 50));
    const s = smoothness(frames, [60, 101, 250]);
    expect(s).toMatchObject({ frames: 100, p50: 16.7, p95: 16.7, worst: 50, longTasks: 3, longestTask: 250, over100: 2 });
  });

  it("growth is relative to the first sample", () => {
    expect(growth(100, 110)).toBeCloseTo(0.1);
    expect(Number.isNaN(growth(0, 5))).toBe(true);
    expect(fmt.pct(0.123)).toBe("+12.3 %");
    expect(fmt.ratio(0.9)).toBe("0.90x");
  });

  it("fits a least-squares line through every point", () => {
    const fit = leastSquares([0, 1, 2, 3], [1, 3, 5, 7]);
    expect(fit.slope).toBeCloseTo(2);
    expect(fit.intercept).toBeCloseTo(1);
    expect(fit.slopeError).toBeCloseTo(0);
    expect(fit.meanY).toBeCloseTo(4);
    // Noise around a flat line: the slope stays near zero whatever the first and last samples say.
    const ys = [5.0, 4.1, 5.6, 2.8, 4.9, 3.3, 5.5, 2.9];
    const noisy = leastSquares([0, 1, 2, 3, 4, 5, 6, 7], ys);
    expect(Math.abs(noisy.slope)).toBeLessThan(0.25);
    expect(noisy.slopeError).toBeGreaterThan(0);
    expect(Number.isNaN(leastSquares([1], [1]).slope)).toBe(true);
    expect(Number.isNaN(leastSquares([2, 2, 2], [1, 2, 3]).slope)).toBe(true);
  });

  it("reports heap growth as a slope per 10 minutes, not first against last", () => {
    // The worker heap of the committed report: -21.8 % from the first to the last sample, yet flat.
    const at = [30, 61, 91, 121, 152, 182, 212, 243, 273, 304, 334, 364, 395, 425, 455, 486, 516, 547, 577, 607, 638];
    const mb = [4.1, 4.1, 3.4, 3.5, 3.7, 3.8, 3.2, 2.9, 3.2, 3.1, 4.1, 3.7, 4.2, 4.1, 3.5, 3.9, 1.9, 3.2, 4.2, 4.3, 3.2];
    const t = trend(
      at,
      mb.map((m) => m * 1e6),
    );
    expect(growth(4.1e6, 3.2e6)).toBeCloseTo(-0.22, 2);
    expect(Math.abs(t.fraction)).toBeLessThan(0.1);
    expect(t.perSeconds).toBe(600);
    expect(t.n).toBe(21);
    // A real leak: 1 MB a minute on 50 MB is +20 % per 10 minutes.
    const leak = trend([0, 60, 120, 180, 240], [50e6, 51e6, 52e6, 53e6, 54e6]);
    expect(leak.perPeriod).toBeCloseTo(10e6);
    expect(leak.fraction).toBeCloseTo(10 / 52);
    expect(trend([0, 60], [1, 2], 60).perPeriod).toBeCloseTo(1);
  });

  it("alternates which side of a pair runs first", () => {
    expect([0, 1, 2, 3].map(pairOrder)).toEqual(["baseline-first", "lane-first", "baseline-first", "lane-first"]);
  });

  it("writes kB for 1,000 bytes and KiB for 1,024; prints load averages", () => {
    expect(fmt.kb(171_300)).toBe("171.3 kB");
    expect(fmt.kib(2048)).toBe("2.0 KiB");
    expect(fmt.mb(5_000_000)).toBe("5.0 MB");
    expect(fmt.mbSigned(-250_000)).toBe("-0.25 MB");
    expect(fmt.load([1.5])).toBe("1.50");
    expect(fmt.load([2.25, 1.5, 3])).toBe("1.50 – 3.00");
    expect(fmt.load([])).toBe("n/a");
    expect(loadAverage([1.234, 2.345, 3.456, 9])).toEqual([1.23, 2.35, 3.46]);
  });

  it("renders a Markdown table", () => {
    expect(table(["a", "b"], [["1", "2"]])).toBe("| a | b |\n| --- | --- |\n| 1 | 2 |");
  });
});
