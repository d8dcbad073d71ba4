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

/** A least-squares line through (x, y) points: slope, intercept, the slope's standard error, the mean of y. */
export interface Fit {
  slope: number;
  intercept: number;
  /** Standard error of the slope (NaN with fewer than 3 points). */
  slopeError: number;
  meanY: number;
  n: number;
}

/** Ordinary least squares over all points; NaN slope with fewer than 2 distinct x values. */
export function leastSquares(xs: readonly number[], ys: readonly number[]): Fit {
  const n = Math.min(xs.length, ys.length);
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i] as number;
    sy += ys[i] as number;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    sxx += dx * dx;
    sxy += dx * ((ys[i] as number) - my);
  }
  const slope = n >= 2 && sxx > 0 ? sxy / sxx : NaN;
  const intercept = my - slope * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const r = (ys[i] as number) - (intercept + slope * (xs[i] as number));
    sse += r * r;
  }
  const slopeError = n >= 3 && sxx > 0 ? Math.sqrt(sse / (n - 2) / sxx) : NaN;
  return { slope, intercept, slopeError, meanY: n > 0 ? my : NaN, n };
}

/** How a measure trends over a sustained run: its least-squares slope per `perSeconds`, absolute and relative. */
export interface Trend {
  /** Units of the measure (bytes, nodes) per `perSeconds`, from the slope over every sample. */
  perPeriod: number;
  /** The slope's standard error, same units. */
  error: number;
  /** perPeriod as a fraction of the measure's mean over the run. */
  fraction: number;
  perSeconds: number;
  n: number;
}

/**
 * The slope of `values` over `seconds` (every sample, not first against last: one sample's noise
 * cannot pass or fail it), scaled to `perSeconds` (default 600: per 10 minutes).
 */
export function trend(seconds: readonly number[], values: readonly number[], perSeconds = 600): Trend {
  const fit = leastSquares(seconds, values);
  const perPeriod = fit.slope * perSeconds;
  return {
    perPeriod,
    error: fit.slopeError * perSeconds,
    fraction: fit.meanY > 0 ? perPeriod / fit.meanY : NaN,
    perSeconds,
    n: fit.n,
  };
}

/** The 1-, 5- and 15-minute load averages as the report prints them (two decimals). */
export const loadAverage = (raw: readonly number[]): number[] => raw.slice(0, 3).map((l) => Number(l.toFixed(2)));

/** Numbers as the report prints them. */
export const fmt = {
  int: (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en") : "n/a"),
  ms: (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString("en")} ms` : "n/a"),
  ratio: (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}x` : "n/a"),
  pct: (n: number) => (Number.isFinite(n) ? `${n >= 0 ? "+" : ""}${(n * 100).toFixed(1)} %` : "n/a"),
  /** kB is 1,000 bytes (KiB would be 1,024). */
  kb: (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1000).toFixed(1)} kB` : "n/a"),
  kib: (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KiB` : "n/a"),
  /** MB is 1,000,000 bytes (MiB would be 1,048,576). */
  mb: (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1e6).toFixed(1)} MB` : "n/a"),
  mbSigned: (bytes: number) => (Number.isFinite(bytes) ? `${bytes >= 0 ? "+" : "-"}${Math.abs(bytes / 1e6).toFixed(2)} MB` : "n/a"),
  /** A load average (or a range of them) as printed beside a figure. */
  load: (values: readonly number[]) => {
    const finite = values.filter(Number.isFinite);
    if (finite.length === 0) return "n/a";
    const lo = Math.min(...finite);
    const hi = Math.max(...finite);
    return lo === hi ? lo.toFixed(2) : `${lo.toFixed(2)} – ${hi.toFixed(2)}`;
  },
};

/** A Markdown table from a header row and data rows. */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** "met" / "MISSED" for a goal. */
export const verdict = (ok: boolean): string => (ok ? "met" : "**missed**");

/** Which side of an A/B pair runs first: the baseline in even pairs, the lane in odd ones (A B, B A, …). */
export const pairOrder = (pair: number): "baseline-first" | "lane-first" => (pair % 2 === 0 ? "baseline-first" : "lane-first");
