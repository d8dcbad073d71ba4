// Pure: turns the engine's per-second series into rows a line plot draws, plus the figures the
// accessible labels and the e2e data attributes report. No React here, so it is unit-tested in Node.
import type { LaneRates } from "../../../metrics/index.ts";

/** Seconds of history every lab chart shows (the engine keeps the same window of rates). */
export const CHART_WINDOW_SECONDS = 60;

/** One completed second of a lane; `x` is seconds relative to now (the last completed second is −1). */
export interface RateRow {
  x: number;
  published: number;
  delivered: number;
  duplicatesRejected: number;
  redelivered: number;
}

export type RateKey = Exclude<keyof RateRow, "x">;

const toSecond = (ms: number): number => Math.floor(ms / 1000);

/** Zips the parallel rate arrays into rows, keeping only the (at most 60) seconds inside the chart window. */
export function rateRows(rates: LaneRates, atMs: number): RateRow[] {
  const now = toSecond(atMs);
  const rows: RateRow[] = [];
  for (let i = 0; i < rates.seconds.length; i++) {
    const x = (rates.seconds[i] ?? now) - now;
    if (x < -CHART_WINDOW_SECONDS || x > 0) continue;
    rows.push({
      x,
      published: rates.published[i] ?? 0,
      delivered: rates.delivered[i] ?? 0,
      duplicatesRejected: rates.duplicatesRejected[i] ?? 0,
      redelivered: rates.redelivered[i] ?? 0,
    });
  }
  return rows.length > CHART_WINDOW_SECONDS ? rows.slice(-CHART_WINDOW_SECONDS) : rows;
}

/** The total of one series over the rows shown. */
export const sumOf = <K extends string>(rows: readonly Record<K, number | null>[], key: K): number =>
  rows.reduce((sum, row) => sum + (row[key] ?? 0), 0);

/** The value of one series in the latest row, or null without rows. */
export const lastOf = <K extends string>(rows: readonly Record<K, number | null>[], key: K): number | null => rows.at(-1)?.[key] ?? null;

/**
 * Changes only when the plotted rows can have changed: completed seconds never change afterwards, so
 * the chart body skips the 10 Hz snapshots that fall inside the same second.
 */
export const rowsVersion = (rows: readonly { x: number }[], nowSecond: number): string => `${nowSecond}:${rows.length}:${rows[0]?.x ?? ""}`;

/** "−60 s" … "0": the x-axis ticks and tooltip labels. */
export const formatRelativeSeconds = (x: number): string => (x === 0 ? "0" : `${x < 0 ? "−" : ""}${Math.abs(x)} s`);

/** Whole numbers with thousands separators; a dash for nothing yet. */
export const formatCount = (n: number | null): string => (n === null ? "–" : Math.round(n).toLocaleString("en"));

/** Milliseconds for latency figures: one decimal below 10 ms unless whole. */
export const formatMs = (ms: number | null): string =>
  ms === null ? "–" : `${ms < 10 && !Number.isInteger(ms) ? ms.toFixed(1) : Math.round(ms).toLocaleString("en")} ms`;

/** A latency axis label: "0.5 ms", "20 ms", "1 s" (ticks are 1/2/5 × 10^n, so no rounding is needed). */
export const formatMsTick = (ms: number): string =>
  ms >= 1000
    ? `${(ms / 1000).toLocaleString("en", { maximumFractionDigits: 3 })} s`
    : `${ms.toLocaleString("en", { maximumFractionDigits: 3 })} ms`;
