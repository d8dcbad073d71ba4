import { describe, expect, it } from "vitest";
import type { LaneRates } from "../../../metrics/index.ts";
import { formatCount, formatMs, formatRelativeSeconds, lastOf, rateRows, rowsVersion, sumOf } from "./rows.ts";

const S0 = 1_700_000_000; // epoch seconds
const rates = (n: number, first = S0): LaneRates => {
  const seconds = Array.from({ length: n }, (_, i) => first + i);
  return {
    seconds,
    published: seconds.map((_, i) => 10 + i),
    delivered: seconds.map((_, i) => 9 + i),
    duplicatesRejected: seconds.map((_, i) => i % 2),
    redelivered: seconds.map(() => 1),
  };
};

describe("rateRows", () => {
  it("zips the parallel arrays, x in seconds relative to the snapshot's second", () => {
    const rows = rateRows(rates(3), (S0 + 3) * 1000 + 400);
    expect(rows).toEqual([
      { x: -3, published: 10, delivered: 9, duplicatesRejected: 0, redelivered: 1 },
      { x: -2, published: 11, delivered: 10, duplicatesRejected: 1, redelivered: 1 },
      { x: -1, published: 12, delivered: 11, duplicatesRejected: 0, redelivered: 1 },
    ]);
  });

  it("is empty without completed seconds", () => {
    expect(rateRows(rates(0), S0 * 1000)).toEqual([]);
  });

  it("keeps at most the 60 s window and nothing from the future", () => {
    const rows = rateRows(rates(70, S0 - 5), (S0 + 60) * 1000);
    expect(rows).toHaveLength(60);
    expect(rows[0]?.x).toBe(-59);
    expect(rows.at(-1)?.x).toBe(0);
    expect(rateRows(rates(3), S0 * 1000 + 1500).map((r) => r.x)).toEqual([-1, 0]);
  });

  it("sums and last values match the series, so the data attributes equal the counters", () => {
    const rows = rateRows(rates(4), (S0 + 4) * 1000);
    expect(sumOf(rows, "published")).toBe(10 + 11 + 12 + 13);
    expect(sumOf(rows, "delivered")).toBe(9 + 10 + 11 + 12);
    expect(sumOf(rows, "duplicatesRejected")).toBe(2);
    expect(lastOf(rows, "published")).toBe(13);
    expect(lastOf([], "published")).toBeNull();
    expect(sumOf([{ v: null }, { v: 2 }], "v")).toBe(2);
  });

  it("versions change when a second completes, not within one", () => {
    const a = rateRows(rates(3), (S0 + 3) * 1000 + 100);
    const b = rateRows(rates(3), (S0 + 3) * 1000 + 900);
    const c = rateRows(rates(4), (S0 + 4) * 1000 + 100);
    expect(rowsVersion(a, S0 + 3)).toBe(rowsVersion(b, S0 + 3));
    expect(rowsVersion(c, S0 + 4)).not.toBe(rowsVersion(a, S0 + 3));
  });
});

describe("formatting", () => {
  it("labels the x axis from −60 s to 0", () => {
    expect(formatRelativeSeconds(-60)).toBe("−60 s");
    expect(formatRelativeSeconds(0)).toBe("0");
  });
  it("formats counts and milliseconds", () => {
    expect(formatCount(12345)).toBe("12,345");
    expect(formatCount(null)).toBe("–");
    expect(formatMs(2.345)).toBe("2.3 ms");
    expect(formatMs(1234.4)).toBe("1,234 ms");
    expect(formatMs(null)).toBe("–");
    expect(formatMs(0)).toBe("0 ms");
  });
});
