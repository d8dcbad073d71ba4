/** Upper bound of the first bucket; everything from 0 up to here shares it. */
export const HISTOGRAM_MIN_MS = 0.1;
/** Upper bound of the last regular bucket; slower values are counted in that last bucket too. */
export const HISTOGRAM_MAX_MS = 100_000;
/** Log-spaced buckets per factor of ten: each bucket's upper bound is 10^(1/32) ≈ 1.075 × the previous. */
export const HISTOGRAM_BUCKETS_PER_DECADE = 32;

const DECADES = Math.round(Math.log10(HISTOGRAM_MAX_MS / HISTOGRAM_MIN_MS));
/** 0.1 ms … 100 s at 32 per decade: 6 decades × 32 + the [0, 0.1 ms] bucket = 193 buckets. */
export const HISTOGRAM_BUCKET_COUNT = DECADES * HISTOGRAM_BUCKETS_PER_DECADE + 1;
/**
 * Worst-case relative error of a percentile inside the range: the estimate stays within the bucket that
 * holds the true value, and a bucket is at most this much wider than its lower bound (≈ 7.5 %).
 */
export const HISTOGRAM_MAX_RELATIVE_ERROR = 10 ** (1 / HISTOGRAM_BUCKETS_PER_DECADE) - 1;

// Computed once and shared by every histogram. Powers of ten from the exponent keep decade bounds exact (1, 10, 100 …).
const MIN_EXPONENT = Math.log10(HISTOGRAM_MIN_MS);
const UPPER_BOUNDS_MS = Float64Array.from(
  { length: HISTOGRAM_BUCKET_COUNT },
  (_, i) => 10 ** (MIN_EXPONENT + i / HISTOGRAM_BUCKETS_PER_DECADE),
);
const LAST = HISTOGRAM_BUCKET_COUNT - 1;

/** The inclusive upper bound of each bucket in ms, ascending (a copy, for display and tests). */
export const histogramUpperBoundsMs = (): number[] => Array.from(UPPER_BOUNDS_MS);

/**
 * Latency histogram in milliseconds with fixed, log-spaced buckets: recording is a binary search and an
 * increment, memory is one small array whatever the number of samples, and percentiles are good to
 * a bucket's width (HISTOGRAM_MAX_RELATIVE_ERROR).
 */
export class LatencyHistogram {
  readonly #counts = new Float64Array(HISTOGRAM_BUCKET_COUNT);
  #count = 0;
  #invalid = 0;
  #sum = 0;
  #min = Infinity;
  #max = -Infinity;

  /** Samples recorded. */
  get count(): number {
    return this.#count;
  }
  /** Samples refused: NaN, negative or infinite (e.g. a message without a usable timestamp header). */
  get invalid(): number {
    return this.#invalid;
  }
  /** Smallest sample in ms, exact; NaN when empty. */
  get min(): number {
    return this.#count ? this.#min : NaN;
  }
  /** Largest sample in ms, exact; NaN when empty. */
  get max(): number {
    return this.#count ? this.#max : NaN;
  }
  /** Mean of the samples in ms, exact; NaN when empty. */
  get mean(): number {
    return this.#count ? this.#sum / this.#count : NaN;
  }

  /** Records one latency in ms. Allocates nothing. */
  record(ms: number): void {
    if (!(ms >= 0) || ms === Infinity) {
      this.#invalid++;
      return;
    }
    // First bucket whose upper bound is >= ms; anything past the last bound stays in the last bucket.
    let lo = 0;
    let hi = LAST;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ms <= (UPPER_BOUNDS_MS[mid] ?? Infinity)) hi = mid;
      else lo = mid + 1;
    }
    this.#counts[lo] = (this.#counts[lo] ?? 0) + 1;
    this.#count++;
    this.#sum += ms;
    if (ms < this.#min) this.#min = ms;
    if (ms > this.#max) this.#max = ms;
  }

  /**
   * The latency below which `p` percent of the samples fall (p in 0..100), in ms; NaN when empty.
   * Interpolates linearly inside the bucket that holds the rank, narrowed to the exact min and max,
   * so a single repeated value comes back exactly and over-range samples still reach the true max.
   */
  percentile(p: number): number {
    if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
    if (this.#count === 0) return NaN;
    const rank = (p / 100) * this.#count;
    if (rank === 0) return this.#min;
    let below = 0;
    for (let i = 0; i <= LAST; i++) {
      const inBucket = this.#counts[i] ?? 0;
      if (inBucket > 0 && below + inBucket >= rank) {
        const lower = Math.max(i === 0 ? 0 : (UPPER_BOUNDS_MS[i - 1] ?? 0), this.#min);
        const upper = i === LAST ? this.#max : Math.min(UPPER_BOUNDS_MS[i] ?? Infinity, this.#max);
        return lower + (upper - lower) * ((rank - below) / inBucket);
      }
      below += inBucket;
    }
    return this.#max; // unreachable: the buckets sum to count
  }

  /** Forgets every sample; the bucket array is reused. */
  reset(): void {
    this.#counts.fill(0);
    this.#count = 0;
    this.#invalid = 0;
    this.#sum = 0;
    this.#min = Infinity;
    this.#max = -Infinity;
  }
}
