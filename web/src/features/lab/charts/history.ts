// Pure: a bounded, client-side history for figures the snapshot carries without history (latency,
// cumulative counts). One sample per second of the snapshot clock, at most CHART_WINDOW_SECONDS of them.
import { CHART_WINDOW_SECONDS } from "./rows.ts";

export interface Sample<T> {
  /** Whole seconds of the snapshot clock. */
  second: number;
  values: T;
}

export type History<T> = readonly Sample<T>[];

/** True when `next` cannot follow `prev` in one run (a counter went backwards: the lane restarted). */
export type RestartTest<T> = (prev: T, next: T) => boolean;

/**
 * Adds the sample taken at `atMs` and returns the new history, or the same array when nothing changes
 * (its second is already recorded, or `values` is null: nothing to sample). A clock that goes back or
 * a restart starts afresh; seconds older than the window fall out, so the history never grows past it.
 */
export function appendSample<T>(
  history: History<T>,
  atMs: number,
  values: T | null,
  isRestart: RestartTest<T>,
  capacity = CHART_WINDOW_SECONDS,
): History<T> {
  if (values === null) return history;
  const second = Math.floor(atMs / 1000);
  const last = history.at(-1);
  if (!last || second < last.second || isRestart(last.values, values)) return [{ second, values }];
  if (second === last.second) return history;
  const kept = history.filter((s) => s.second > second - capacity);
  if (kept.length >= capacity) kept.splice(0, kept.length - capacity + 1);
  kept.push({ second, values });
  return kept;
}

/** Rows for a chart: `x` is seconds relative to the latest sample (0), then the sampled values. */
export const historyRows = <T extends object>(history: History<T>): ({ x: number } & T)[] => {
  const latest = history.at(-1)?.second ?? 0;
  return history.map((s) => ({ x: s.second - latest, ...s.values }));
};
