// Pure geometry of the previous SVG plots (SvgLinePlot.tsx, the A side of scripts/bench/charts-ab.ts). Unit-tested in Node.

/** The smallest 1/2/2.5/5 × 10^n at or above `max`, so axis labels are round numbers. */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/** Evenly spaced ticks from 0 to top (inclusive). */
export const yTicks = (top: number, count = 4): number[] => Array.from({ length: count + 1 }, (_, i) => (top * i) / count);

/**
 * Path data in a viewBox where x runs over [x0, x1] and y over [0, 100] (0 at the top). Rows whose
 * value is null are skipped and the line joins across them, as the rates never have real gaps.
 */
export function linePath(rows: readonly Record<string, number | null>[], key: string, top: number, x0 = -60): string {
  let d = "";
  for (const row of rows) {
    const v = row[key];
    const x = row.x;
    if (v === null || v === undefined || x === null || x === undefined) continue;
    const y = 100 - (Math.max(0, v) / top) * 100;
    d += `${d ? "L" : "M"}${(x - x0).toFixed(2)} ${y.toFixed(2)}`;
  }
  return d;
}

/** The highest value of the given series over the rows. */
export function maxOf(rows: readonly Record<string, number | null>[], keys: readonly string[]): number {
  let max = 0;
  for (const row of rows) for (const k of keys) max = Math.max(max, row[k] ?? 0);
  return max;
}
