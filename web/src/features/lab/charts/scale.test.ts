import { describe, expect, it } from "vitest";
import { linePath, maxOf, niceCeiling, yTicks } from "./scale.ts";

describe("plot scale", () => {
  it("rounds the top of the y axis up to 1, 2, 2.5 or 5 times a power of ten", () => {
    expect([0, 0.3, 1, 7, 12, 21, 240, 2600, 51_000].map(niceCeiling)).toEqual([1, 0.5, 1, 10, 20, 25, 250, 5000, 100_000]);
    expect(yTicks(20)).toEqual([0, 5, 10, 15, 20]);
  });

  it("draws each row at its second and value, skipping missing values", () => {
    const rows = [
      { x: -3, a: 0, b: null },
      { x: -2, a: 10, b: 5 },
      { x: -1, a: 20, b: 10 },
    ];
    expect(maxOf(rows, ["a", "b"])).toBe(20);
    expect(linePath(rows, "a", 20)).toBe("M57.00 100.00L58.00 50.00L59.00 0.00");
    expect(linePath(rows, "b", 20)).toBe("M58.00 75.00L59.00 50.00");
    expect(linePath([], "a", 20)).toBe("");
  });
});
