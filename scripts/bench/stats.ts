// Pure helpers of the benchmark: statistics and the Markdown report. No I/O here (unit-tested).

/** The q-quantile (0..1) of `values` by nearest rank; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Summary of a set of ratios: median and the range they spread over. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

/** Frame-time summary of a run: per-frame durations (ms) and long tasks (ms) on the main thread. */
export interface Smoothness {
  frames: number;
  p50: number;
  p95: number;
  worst: number;
  longTasks: number;
  longestTask: number;
  /** Long tasks over 100 ms (the goal allows none). */
  over100: number;
}

export function smoothness(frameMs: readonly number[], longTaskMs: readonly number[]): Smoothness {
  return {
    frames: frameMs.length,
    p50: quantile(frameMs, 0.5),
    p95: quantile(frameMs, 0.95),
    worst: frameMs.length ? Math.max(...frameMs) : NaN,
    longTasks: longTaskMs.length,
    longestTask: longTaskMs.length ? Math.max(...longTaskMs) : 0,
    over100: longTaskMs.filter((d) => d > 100).length,
  };
}

/** Growth of a measure between the sample after warm-up and the last one, as a fraction. */
export const growth = (first: number, last: number): number => (first > 0 ? (last - first) / first : NaN);

/** Numbers as the report prints them. */
export const fmt = {
  int: (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en") : "n/a"),
  ms: (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString("en")} ms` : "n/a"),
  ratio: (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}x` : "n/a"),
  pct: (n: number) => (Number.isFinite(n) ? `${n >= 0 ? "+" : ""}${(n * 100).toFixed(1)} %` : "n/a"),
  kb: (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`,
  mb: (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`,
};

/** A Markdown table from a header row and data rows. */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** "met" / "MISSED" for a goal. */
export const verdict = (ok: boolean): string => (ok ? "met" : "**missed**");
