import { makeTransaction, type Transaction } from "../../nats/event.ts";
import type { ProducerSettings } from "../contract/producer.ts";

export { MAX_PAYLOAD_BYTES, MAX_RATE_PER_SECOND, producerProblems, type ProducerSettings } from "../contract/producer.ts";

/** Retries pick from this many most recent events (a client retries what it just sent). */
const RETRY_POOL = 64;

export interface Send {
  event: Transaction;
  /** True when this send repeats an earlier event. */
  retry: boolean;
}

/**
 * Decides what to send and when: `due(now)` returns how many sends the rate allows by now, and
 * `next(now)` yields them. Retries repeat a recent event (same id and timestamp), so only a
 * deduplicating stream can tell them apart from new events.
 */
export function createProducer(settings: ProducerSettings, startMs: number, random: () => number, firstSeq = 1) {
  let start = startMs;
  /** While held (the lanes cannot publish), the clock of the rate stands still. */
  let heldSince: number | null = null;
  /** Event numbers continue across producers of one run, so a new batch is never mistaken for retries. */
  let seq = firstSeq - 1;
  let unique = 0;
  let sent = 0;
  let retries = 0;
  const recent: Transaction[] = [];

  return {
    /** Sends owed at `now` (the rate, minus what was sent), bounded by maxEvents. */
    due(now: number): number {
      if (heldSince !== null) return 0;
      const allowed = Math.floor(((now - start) / 1000) * settings.ratePerSecond) + 1;
      const capped = settings.maxEvents === undefined ? allowed : Math.min(allowed, settings.maxEvents);
      return Math.max(0, capped - sent);
    },
    next(now: number): Send {
      sent++;
      if (recent.length > 0 && random() < settings.retryShare) {
        retries++;
        const event = recent[Math.floor(random() * recent.length)] as Transaction;
        return { event, retry: true };
      }
      unique++;
      const event = makeTransaction(++seq, now);
      recent.push(event);
      if (recent.length > RETRY_POOL) recent.shift();
      return { event, retry: false };
    },
    /** Sends nothing from `now` on, until release(). */
    hold(now: number): void {
      heldSince ??= now;
    },
    /** Goes on at the rate from `now`, without a burst to make up for the time held. */
    release(now: number): void {
      if (heldSince === null) return;
      start += now - heldSince;
      heldSince = null;
    },
    get held(): boolean {
      return heldSince !== null;
    },
    get done(): boolean {
      return settings.maxEvents !== undefined && sent >= settings.maxEvents;
    },
    stats: () => ({ sent, retries, unique }),
    /** The number the next new event gets. */
    nextSeq: () => seq + 1,
  };
}

export type Producer = ReturnType<typeof createProducer>;
