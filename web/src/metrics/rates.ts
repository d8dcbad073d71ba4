import { RingBuffer } from "./ring.ts";

/** Seconds of per-second history a series keeps: the charts show the last minute. */
export const RATE_WINDOW_SECONDS = 60;
const MS_PER_SECOND = 1_000;

/** The completed seconds of a series, as parallel arrays so a chart can zip them cheaply. */
export interface RateSnapshot {
  /** Each completed second, oldest first, in whole seconds of the caller's clock (epoch seconds for Date.now()). */
  seconds: number[];
  /** Events counted in the matching second, i.e. events per second. */
  values: number[];
}

const toSecond = (ms: number): number => Math.floor(ms / MS_PER_SECOND);

/**
 * Events per second over a sliding window of whole seconds.
 *
 * The hot path only bumps a counter for the open second; when the clock moves into a later second the
 * finished one (and a zero for every second skipped in between) goes into a fixed ring. The clock is
 * always passed in, so tests and the worker decide what "now" is.
 */
export class RateSeries {
  readonly #history: RingBuffer;
  #openSecond: number;
  #openCount = 0;

  /**
   * @param nowMs the clock at creation; the first completed second is the one containing it.
   * @param capacitySeconds how many completed seconds to keep.
   */
  constructor(nowMs: number, capacitySeconds = RATE_WINDOW_SECONDS) {
    this.#history = new RingBuffer(capacitySeconds);
    this.#openSecond = toSecond(nowMs);
  }

  /** Counts `n` events at `nowMs`. Allocates nothing. */
  add(n: number, nowMs: number): void {
    this.advance(nowMs);
    this.#openCount += n;
  }

  /** Moves the clock on without counting, closing any seconds that have ended. Allocates nothing. */
  advance(nowMs: number): void {
    const second = toSecond(nowMs);
    // A clock that steps back counts into the open second rather than rewriting finished ones.
    if (second <= this.#openSecond) return;
    const history = this.#history;
    history.push(this.#openCount);
    // Idle seconds are real zeros on the chart; more than a window of them would only overwrite each other.
    const skipped = Math.min(second - this.#openSecond - 1, history.capacity);
    for (let i = 0; i < skipped; i++) history.push(0);
    this.#openSecond = second;
    this.#openCount = 0;
  }

  /**
   * The last `maxSeconds` completed seconds up to `nowMs`. The open second is left out: half a second
   * of counting would show as a dip at the end of every chart. Allocates; call it at snapshot rate.
   */
  snapshot(nowMs: number, maxSeconds = this.#history.capacity): RateSnapshot {
    this.advance(nowMs);
    const values = this.#history.toArray(maxSeconds);
    const first = this.#openSecond - values.length;
    return { seconds: values.map((_, i) => first + i), values };
  }

  /** Forgets the history and starts counting afresh from `nowMs`. */
  reset(nowMs: number): void {
    this.#history.clear();
    this.#openSecond = toSecond(nowMs);
    this.#openCount = 0;
  }
}
