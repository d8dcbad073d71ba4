import { LatencyHistogram } from "./histogram.ts";
import { RATE_WINDOW_SECONDS, RateSeries } from "./rates.ts";
import type { LaneCounters, LaneSnapshot } from "./types.ts";

/** Fastest the engine should post snapshots to the UI (10 Hz); snapshots allocate, the hot path does not. */
export const SNAPSHOT_INTERVAL_MS = 100;

const zeroCounters = (): LaneCounters => ({
  published: 0,
  publishErrors: 0,
  acked: 0,
  stored: 0,
  duplicatesRejected: 0,
  delivered: 0,
  redelivered: 0,
  consumerAcked: 0,
  pending: 0,
  lost: 0,
});

const orNull = (n: number): number | null => (Number.isNaN(n) ? null : n);

/**
 * Counters, per-second rates and end-to-end latency for one lane (core, JetStream, dedupe or durable).
 * The on… methods run once per message and allocate nothing; all memory is fixed at creation.
 */
export class LaneMetrics {
  readonly #counters = zeroCounters();
  readonly #published: RateSeries;
  readonly #delivered: RateSeries;
  readonly #duplicates: RateSeries;
  readonly #redelivered: RateSeries;
  readonly #latency = new LatencyHistogram();
  /** Highest stream sequence delivered so far (0: none, or core NATS). */
  #highestSeq = 0;

  /** @param nowMs the clock at creation; rate series start in this second. */
  constructor(nowMs: number) {
    this.#published = new RateSeries(nowMs, RATE_WINDOW_SECONDS);
    this.#delivered = new RateSeries(nowMs, RATE_WINDOW_SECONDS);
    this.#duplicates = new RateSeries(nowMs, RATE_WINDOW_SECONDS);
    this.#redelivered = new RateSeries(nowMs, RATE_WINDOW_SECONDS);
  }

  /** A message was published. */
  onPublished(nowMs: number): void {
    this.#counters.published++;
    this.#published.add(1, nowMs);
  }

  /** JetStream acknowledged a publish; `duplicate` is the PubAck's duplicate flag. */
  onPublishAck(nowMs: number, duplicate: boolean): void {
    this.#counters.acked++;
    if (!duplicate) {
      this.#counters.stored++;
      return;
    }
    this.#counters.duplicatesRejected++;
    this.#duplicates.add(1, nowMs);
  }

  /** A publish failed. */
  onPublishError(): void {
    this.#counters.publishErrors++;
  }

  /**
   * A message reached the subscriber or consumer. `latencyMs` is now minus the publisher's timestamp
   * header; pass NaN when there was none, it is counted as invalid rather than as a latency.
   * `seq` is the stream sequence (0 when there is none): a first delivery (count 1) of a sequence
   * at or below one already delivered is a repeat too. A server killed with SIGKILL forgets its
   * last deliveries and acks and sends those messages again as if for the first time.
   */
  onDelivered(nowMs: number, latencyMs: number, redelivered: boolean, seq = 0): void {
    this.#counters.delivered++;
    this.#delivered.add(1, nowMs);
    const repeat = redelivered || (seq > 0 && seq <= this.#highestSeq);
    if (seq > this.#highestSeq) this.#highestSeq = seq;
    if (repeat) {
      this.#counters.redelivered++;
      this.#redelivered.add(1, nowMs);
    }
    this.#latency.record(latencyMs);
  }

  /** The consumer starts over from the first message (it was deleted and created again): its replay is not a repeat. */
  forgetSequences(): void {
    this.#highestSeq = 0;
  }

  /** The consumer acknowledged a delivery. */
  onConsumerAck(): void {
    this.#counters.consumerAcked++;
  }

  /** Pending count from the latest consumer info. */
  setPending(n: number): void {
    this.#counters.pending = n;
  }

  /** Core-NATS messages lost so far, as the engine computes it. */
  setLost(n: number): void {
    this.#counters.lost = n;
  }

  /** A fresh plain object describing the lane at `nowMs`. Allocates; call it at most every SNAPSHOT_INTERVAL_MS. */
  snapshot(nowMs: number): LaneSnapshot {
    const published = this.#published.snapshot(nowMs);
    const h = this.#latency;
    return {
      atMs: nowMs,
      counters: { ...this.#counters },
      rates: {
        seconds: published.seconds,
        published: published.values,
        delivered: this.#delivered.snapshot(nowMs).values,
        duplicatesRejected: this.#duplicates.snapshot(nowMs).values,
        redelivered: this.#redelivered.snapshot(nowMs).values,
      },
      latency: {
        count: h.count,
        invalid: h.invalid,
        p50: orNull(h.percentile(50)),
        p90: orNull(h.percentile(90)),
        p99: orNull(h.percentile(99)),
        min: orNull(h.min),
        max: orNull(h.max),
        mean: orNull(h.mean),
      },
    };
  }

  /** Zeroes everything (a new lab run) and restarts the rate series at `nowMs`. */
  reset(nowMs: number): void {
    Object.assign(this.#counters, zeroCounters());
    this.#highestSeq = 0;
    for (const series of [this.#published, this.#delivered, this.#duplicates, this.#redelivered]) series.reset(nowMs);
    this.#latency.reset();
  }
}

/** Metrics for one lane, starting at `nowMs`. */
export const createLaneMetrics = (nowMs: number): LaneMetrics => new LaneMetrics(nowMs);
