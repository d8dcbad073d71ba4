// Pure: round axis ticks (steps of 1, 2 or 5 × 10^n), a log scale for latency, and how many labels
// fit in a given number of pixels. No DOM here, so it is unit-tested in Node.

/** The smallest 1, 2 or 5 × 10^n at or above `rough` (rough > 0). */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const m of [1, 2, 5]) {
    const step = m * power;
    // Floating error: 0.3 / 0.1 style ratios must not skip a step.
    if (step >= rough * (1 - 1e-9)) return clean(step);
  }
  return clean(10 * power);
}

/** Removes binary noise from decimal steps (0.30000000000000004 → 0.3). */
const clean = (v: number): number => Number(v.toPrecision(12));

export interface LinearAxis {
  /** The top of the axis: a whole number of steps at or above the data's maximum. */
  top: number;
  step: number;
  /** 0, step, 2·step … top. */
  ticks: number[];
}

/**
 * A linear axis from 0 with at most `maxTicks` steps above 0, each step 1, 2 or 5 × 10^n. The top is
 * the first multiple of the step at or above `max`, so the highest line never leaves the plot.
 * `minStep`: counts are whole numbers, so their axis never shows 0.5 (pass 1).
 */
export function linearAxis(max: number, maxTicks: number, minStep = 0): LinearAxis {
  const count = Math.max(1, Math.floor(maxTicks));
  const high = max > 0 && Number.isFinite(max) ? max : 1;
  let step = Math.max(niceStep(high / count), minStep > 0 ? niceStep(minStep) : 0);
  while (Math.ceil(high / step - 1e-9) > count) step = niceStep(step * 1.0001);
  const steps = Math.max(1, Math.ceil(high / step - 1e-9));
  const ticks = Array.from({ length: steps + 1 }, (_, i) => clean(i * step));
  return { top: clean(steps * step), step, ticks };
}

/** True when v is 1, 2 or 5 × 10^n (a step, or a tick of the log axis). */
export function isNiceNumber(v: number): boolean {
  if (!(v > 0)) return false;
  const mantissa = Number((v / 10 ** Math.floor(Math.log10(v) + 1e-12)).toPrecision(6));
  return mantissa === 1 || mantissa === 2 || mantissa === 5;
}

/**
 * Round ticks: a linear axis from 0 whose step is 1/2/5 × 10^n and every tick a whole multiple of it,
 * or a log axis whose every tick is 1/2/5 × 10^n.
 */
export function areRoundTicks(ticks: readonly number[]): boolean {
  if (ticks.length < 2) return false;
  if (ticks.every(isNiceNumber)) return true;
  const step = (ticks[1] as number) - (ticks[0] as number);
  return ticks[0] === 0 && isNiceNumber(step) && ticks.every((t, i) => Math.abs(t - i * step) < step * 1e-6);
}

export interface LogAxis {
  /** Lowest and highest value of the axis (powers of ten). */
  lo: number;
  hi: number;
  /** Labelled values: decades, with 2 and 5 in between when there is room. */
  ticks: number[];
}

/**
 * A base-10 log axis covering [min, max] (min is clamped to `floor`, e.g. 0.1 ms): from the decade at
 * or below the smallest value to the decade at or above the largest, at least one decade. Ticks are the
 * decades, plus 2 and 5 × each decade when that still fits `maxTicks`; with too many decades, every
 * other decade.
 */
export function logAxis(min: number, max: number, maxTicks: number, floor = 0.1): LogAxis {
  const low = Math.max(floor, Number.isFinite(min) && min > 0 ? min : floor);
  const high = Math.max(low, Number.isFinite(max) && max > 0 ? max : low);
  const loExp = Math.floor(Math.log10(low) + 1e-9);
  let hiExp = Math.ceil(Math.log10(high) - 1e-9);
  if (hiExp <= loExp) hiExp = loExp + 1;
  const decades = Array.from({ length: hiExp - loExp + 1 }, (_, i) => clean(10 ** (loExp + i)));
  const count = Math.max(2, Math.floor(maxTicks) + 1);
  let ticks = decades;
  const withSteps = decades.flatMap((d, i) => (i < decades.length - 1 ? [d, clean(2 * d), clean(5 * d)] : [d]));
  if (withSteps.length <= count) ticks = withSteps;
  else if (decades.length > count) {
    const every = Math.ceil((decades.length - 1) / (count - 1));
    ticks = decades.filter((_, i) => i % every === 0 || i === decades.length - 1);
    if (ticks.length > count) ticks = [decades[0] as number, decades.at(-1) as number];
  }
  return { lo: decades[0] as number, hi: decades.at(-1) as number, ticks };
}

/** Where v sits on a log axis, 0 (lo) … 1 (hi); values at or below lo sit on the bottom. */
export function logFraction(v: number, lo: number, hi: number): number {
  if (!(v > lo)) return 0;
  return Math.min(1, (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)));
}

/**
 * How many labels of `labelPx` fit along `lengthPx` with at least `gapPx` between neighbours
 * (at least 2: the two ends of an axis always show).
 */
export function fitCount(lengthPx: number, labelPx: number, gapPx: number): number {
  if (!(lengthPx > 0) || !(labelPx > 0)) return 2;
  return Math.max(2, Math.floor((lengthPx + gapPx) / (labelPx + gapPx)));
}

/**
 * The x ticks of the −60 s … 0 window: the largest count of labels that fit, with a 1/2/5 × 10^n step
 * of seconds that divides the window (so both ends are labelled): 10 s, 20 s, or only the ends.
 */
export function timeTicks(windowSeconds: number, maxLabels: number): number[] {
  for (const step of [5, 10, 20]) {
    if (windowSeconds % step !== 0) continue;
    const n = windowSeconds / step + 1;
    if (n <= maxLabels) return Array.from({ length: n }, (_, i) => clean(-windowSeconds + i * step));
  }
  return [-windowSeconds, 0];
}

/**
 * Spreads labels along an axis so none overlap: `wanted` are the ideal centres (px from the top),
 * `size` each label's height; the result keeps the order and every centre within [size/2, length − size/2].
 */
export function spreadLabels(wanted: readonly number[], size: number, length: number): number[] {
  const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const half = size / 2;
  const placed = order.map((o) => Math.min(Math.max(o.y, half), Math.max(half, length - half)));
  for (let k = 1; k < placed.length; k++) placed[k] = Math.max(placed[k] as number, (placed[k - 1] as number) + size);
  // Pushed past the bottom: shift the tail back up, keeping the gaps.
  const overflow = (placed.at(-1) ?? 0) - (length - half);
  if (overflow > 0) {
    placed[placed.length - 1] = (placed.at(-1) as number) - overflow;
    for (let k = placed.length - 2; k >= 0; k--) placed[k] = Math.min(placed[k] as number, (placed[k + 1] as number) - size);
  }
  const out = new Array<number>(wanted.length);
  order.forEach((o, k) => (out[o.i] = placed[k] as number));
  return out;
}
