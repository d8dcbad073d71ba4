import { describe, expect, it } from "vitest";
import { RATE_WINDOW_SECONDS, RateSeries } from "./rates.ts";

const T0 = 1_700_000_000_000; // a whole second, so second s of the test starts at T0 + s * 1000
const S0 = T0 / 1000;
const at = (seconds: number): number => T0 + seconds * 1000;

describe("RateSeries", () => {
  it("counts within a second and closes it when the clock moves on", () => {
    const rate = new RateSeries(at(0));
    rate.add(1, at(0.1));
    rate.add(2, at(0.9));
    expect(rate.snapshot(at(0.95))).toEqual({ seconds: [], values: [] }); // the open second is not shown
    rate.add(5, at(1.2));
    expect(rate.snapshot(at(1.5))).toEqual({ seconds: [S0], values: [3] });
    expect(rate.snapshot(at(2))).toEqual({ seconds: [S0, S0 + 1], values: [3, 5] });
  });

  it("fills skipped seconds with zeros", () => {
    const rate = new RateSeries(at(0));
    rate.add(4, at(0.5));
    rate.add(7, at(4.5)); // seconds 1, 2, 3 had nothing
    const snap = rate.snapshot(at(5));
    expect(snap.values).toEqual([4, 0, 0, 0, 7]);
    expect(snap.seconds).toEqual([S0, S0 + 1, S0 + 2, S0 + 3, S0 + 4]);
  });

  it("treats a gap longer than the window as a window of zeros", () => {
    const rate = new RateSeries(at(0), 5);
    rate.add(3, at(0));
    rate.add(1, at(1000)); // ~17 minutes later
    const snap = rate.snapshot(at(1001));
    expect(snap.values).toEqual([0, 0, 0, 0, 1]);
    expect(snap.seconds).toEqual([S0 + 996, S0 + 997, S0 + 998, S0 + 999, S0 + 1000]);
  });

  it("keeps at most RATE_WINDOW_SECONDS seconds and can return fewer", () => {
    const rate = new RateSeries(at(0));
    for (let s = 0; s < 200; s++) rate.add(s, at(s + 0.5));
    const snap = rate.snapshot(at(200));
    expect(RATE_WINDOW_SECONDS).toBe(60);
    expect(snap.values).toHaveLength(60);
    expect(snap.seconds).toHaveLength(60);
    expect(snap.values[0]).toBe(140);
    expect(snap.values[59]).toBe(199);
    expect(snap.seconds[59]).toBe(S0 + 199);
    expect(rate.snapshot(at(200), 10).values).toEqual([190, 191, 192, 193, 194, 195, 196, 197, 198, 199]);
  });

  it("counts a backwards clock step into the open second", () => {
    const rate = new RateSeries(at(0));
    rate.add(1, at(2.5));
    rate.add(1, at(1.5)); // earlier than the open second: must not reopen or rewrite second 1
    expect(rate.snapshot(at(3)).values).toEqual([0, 0, 2]);
  });

  it("restarts from the reset time", () => {
    const rate = new RateSeries(at(0));
    rate.add(9, at(0.5));
    rate.add(9, at(3.5));
    rate.reset(at(10));
    rate.add(2, at(10.5));
    expect(rate.snapshot(at(11))).toEqual({ seconds: [S0 + 10], values: [2] });
  });
});
