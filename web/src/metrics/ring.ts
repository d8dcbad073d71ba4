/**
 * A fixed-capacity ring of numbers: once full, each push overwrites the oldest value.
 * Backed by one Float64Array allocated up front, so pushing never allocates and memory stays flat
 * however long the lab runs.
 */
export class RingBuffer {
  readonly #values: Float64Array;
  /** Index the next push writes to. */
  #next = 0;
  #length = 0;

  /** @param capacity how many values the ring keeps (a positive integer). */
  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
    this.#values = new Float64Array(capacity);
  }

  /** Most values the ring keeps. */
  get capacity(): number {
    return this.#values.length;
  }

  /** Values currently held (at most `capacity`). */
  get length(): number {
    return this.#length;
  }

  /** Appends a value, dropping the oldest one when full. */
  push(value: number): void {
    this.#values[this.#next] = value;
    this.#next = (this.#next + 1) % this.#values.length;
    if (this.#length < this.#values.length) this.#length++;
  }

  /** The i-th held value, 0 being the oldest and `length - 1` the newest. */
  get(i: number): number {
    if (!Number.isInteger(i) || i < 0 || i >= this.#length) throw new RangeError(`ring index ${i} outside 0..${this.#length - 1}`);
    const capacity = this.#values.length;
    // #next - #length is where the oldest value sits; adding capacity keeps the modulo non-negative.
    return this.#values[(this.#next - this.#length + i + capacity) % capacity] ?? 0;
  }

  /**
   * The newest `limit` values (all of them by default) as a fresh plain array, oldest first.
   * Allocates; meant for snapshots, not for the hot path.
   */
  toArray(limit = this.#length): number[] {
    const count = Math.max(0, Math.min(Math.floor(limit), this.#length));
    const out = new Array<number>(count);
    for (let i = 0; i < count; i++) out[i] = this.get(this.#length - count + i);
    return out;
  }

  /** Forgets every value; the capacity (and its memory) stays. */
  clear(): void {
    this.#next = 0;
    this.#length = 0;
  }
}
