// Message metrics for the lab engine's lanes. Pure TypeScript: safe in the worker, in Node tests and in the UI.
export { RingBuffer } from "./ring.ts";
export { RATE_WINDOW_SECONDS, RateSeries, type RateSnapshot } from "./rates.ts";
export {
  HISTOGRAM_BUCKET_COUNT,
  HISTOGRAM_BUCKETS_PER_DECADE,
  HISTOGRAM_MAX_MS,
  HISTOGRAM_MAX_RELATIVE_ERROR,
  HISTOGRAM_MIN_MS,
  LatencyHistogram,
  histogramUpperBoundsMs,
} from "./histogram.ts";
export { LaneMetrics, SNAPSHOT_INTERVAL_MS, createLaneMetrics } from "./counters.ts";
export type { LaneCounters, LaneRates, LaneSnapshot, LatencySnapshot } from "./types.ts";
