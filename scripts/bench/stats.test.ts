import { describe, expect, it } from "vitest";
import { fmt, growth, median, quantile, smoothness, spread, table } from "./stats.ts";

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

  it("renders a Markdown table", () => {
    expect(table(["a", "b"], [["1", "2"]])).toBe("| a | b |\n| --- | --- |\n| 1 | 2 |");
  });
});
