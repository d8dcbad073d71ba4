import { describe, expect, it } from "vitest";
import { areRoundTicks, fitCount, isNiceNumber, linearAxis, logAxis, logFraction, niceStep, spreadLabels, timeTicks } from "./ticks.ts";

describe("niceStep", () => {
  it("rounds up to 1, 2 or 5 × 10^n", () => {
    expect([0.07, 0.1, 0.13, 0.3, 3, 4.9, 6, 11, 250, 625, 1250].map(niceStep)).toEqual([
      0.1, 0.1, 0.2, 0.5, 5, 5, 10, 20, 500, 1000, 2000,
    ]);
    expect(niceStep(0)).toBe(1);
  });
});

describe("linearAxis", () => {
  it("never gives the odd quarter ticks of the old axis (625 / 1,250 / 1,875)", () => {
    const axis = linearAxis(2400, 4);
    expect(axis).toEqual({ top: 3000, step: 1000, ticks: [0, 1000, 2000, 3000] });
    expect(linearAxis(180, 4).ticks).toEqual([0, 50, 100, 150, 200]);
    expect(linearAxis(188, 5).ticks).toEqual([0, 50, 100, 150, 200]);
  });
  it("keeps at most maxTicks steps, the top at or above the maximum, every step 1/2/5 × 10^n", () => {
    for (const max of [0.4, 1, 3, 7, 9.99, 10, 11, 63, 99, 101, 625, 1875, 12_345, 49_999, 50_000]) {
      for (const n of [2, 3, 4, 5, 6]) {
        const axis = linearAxis(max, n);
        expect(axis.ticks.length - 1, `${max}/${n}`).toBeLessThanOrEqual(n);
        expect(axis.top).toBeGreaterThanOrEqual(max);
        expect(isNiceNumber(axis.step), `${max}/${n}: ${axis.step}`).toBe(true);
        expect(areRoundTicks(axis.ticks)).toBe(true);
      }
    }
  });
  it("counts never get half steps", () => {
    expect(linearAxis(2, 5, 1).ticks).toEqual([0, 1, 2]);
  });
  it("with nothing to show, is 0 … 1", () => {
    expect(linearAxis(0, 4).top).toBe(1);
  });
});

describe("logAxis", () => {
  it("keeps p50 of a few ms apart from a p99 of seconds", () => {
    const axis = logAxis(2.3, 3400, 5);
    expect(axis.lo).toBe(1);
    expect(axis.hi).toBe(10_000);
    expect(axis.ticks).toEqual([1, 10, 100, 1000, 10_000]);
    // p50 sits a third of the way up, not squashed on the floor.
    expect(logFraction(2.3, axis.lo, axis.hi)).toBeGreaterThan(0.05);
    expect(logFraction(3400, axis.lo, axis.hi)).toBeGreaterThan(0.85);
  });
  it("adds 2 and 5 between decades when there is room", () => {
    expect(logAxis(1.5, 40, 8).ticks).toEqual([1, 2, 5, 10, 20, 50, 100]);
  });
  it("thins many decades to fit, and clamps at the floor", () => {
    const axis = logAxis(0, 100_000, 3, 0.1);
    expect(axis.lo).toBe(0.1);
    expect(axis.ticks.length).toBeLessThanOrEqual(4);
    expect(axis.ticks.every(isNiceNumber)).toBe(true);
    expect(logFraction(0, axis.lo, axis.hi)).toBe(0);
  });
});

describe("label fitting", () => {
  it("fits labels with gaps, at least the two ends", () => {
    expect(fitCount(100, 20, 10)).toBe(3);
    expect(fitCount(10, 20, 10)).toBe(2);
  });
  it("picks 10 s steps when wide, 20 s when narrow, only the ends when tiny", () => {
    expect(timeTicks(60, 7)).toEqual([-60, -50, -40, -30, -20, -10, 0]);
    expect(timeTicks(60, 5)).toEqual([-60, -40, -20, 0]);
    expect(timeTicks(60, 3)).toEqual([-60, 0]);
  });
  it("spreads labels so none overlap, inside the axis, keeping their order", () => {
    const out = spreadLabels([50, 52, 51, 200], 20, 210);
    const sorted = [...out].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect((sorted[i] as number) - (sorted[i - 1] as number)).toBeGreaterThanOrEqual(20 - 1e-9);
    expect(out[0]).toBeLessThan(out[2] as number);
    expect(Math.max(...out)).toBeLessThanOrEqual(200);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(10);
    expect(spreadLabels([205, 206, 207], 20, 210)).toEqual([160, 180, 200]);
  });
});

describe("areRoundTicks", () => {
  it("rejects the old axis' ticks", () => {
    expect(areRoundTicks([0, 625, 1250, 1875, 2500])).toBe(false);
    expect(areRoundTicks([0, 63, 125, 188, 250])).toBe(false);
    expect(areRoundTicks([0, 500, 1000, 1500])).toBe(true);
    expect(areRoundTicks([1, 10, 100])).toBe(true);
  });
});
