import { useState } from "react";
import { appendSample, type History, type RestartTest } from "./history.ts";

/**
 * Keeps a bounded history of `values` sampled once per second of `atMs`. The history lives in state and
 * is replaced (never grown) during render when a new second arrives, React's pattern for state derived
 * from changing props; within a second the same array is returned, so nothing downstream recomputes.
 */
export function useSampledHistory<T>(atMs: number, values: T | null, isRestart: RestartTest<T>): History<T> {
  const [history, setHistory] = useState<History<T>>([]);
  const next = appendSample(history, atMs, values, isRestart);
  if (next !== history) setHistory(next);
  return next;
}
