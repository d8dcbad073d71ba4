// The plain shapes the lab engine posts to the UI: numbers and arrays only, so they survive structured clone and JSON.

/** What happened to one lane's messages so far. Totals since creation or the last reset, except the two gauges. */
export interface LaneCounters {
  /** Publish calls that went out. */
  published: number;
  /** Publish calls that failed (no PubAck, timeout, disconnected …). */
  publishErrors: number;
  /** PubAcks received from JetStream, duplicates included. */
  acked: number;
  /** PubAcks that stored a new message (acked minus duplicatesRejected). */
  stored: number;
  /** PubAcks flagged duplicate: the stream's dedupe window refused a repeated Nats-Msg-Id. */
  duplicatesRejected: number;
  /** Messages handed to the subscriber or consumer, redeliveries included. */
  delivered: number;
  /** The part of `delivered` the consumer had received before (a redelivery, or a repeat after the server forgot a delivery). */
  redelivered: number;
  /** Deliveries the consumer acknowledged. */
  consumerAcked: number;
  /** Gauge: messages the consumer still has to deliver, as the last consumer info reported. */
  pending: number;
  /** Gauge: core-NATS messages published but never delivered, as the engine last computed. */
  lost: number;
}

/** Latency summary in ms; the figures are null until a sample arrives. */
export interface LatencySnapshot {
  count: number;
  /** Deliveries whose latency could not be used (missing or bad timestamp header). */
  invalid: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  min: number | null;
  max: number | null;
  mean: number | null;
}

/** Per-second series over the last RATE_WINDOW_SECONDS completed seconds; every array has the length of `seconds`. */
export interface LaneRates {
  seconds: number[];
  published: number[];
  delivered: number[];
  duplicatesRejected: number[];
  redelivered: number[];
}

/** A plain, structured-clone-safe picture of one lane, ready for postMessage. */
export interface LaneSnapshot {
  /** The clock the snapshot was taken at, in ms. */
  atMs: number;
  counters: LaneCounters;
  rates: LaneRates;
  latency: LatencySnapshot;
}
