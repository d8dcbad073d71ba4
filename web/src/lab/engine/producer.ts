import { makeTransaction, type Transaction } from "../../nats/event.ts";

export interface ProducerSettings {
  /** Events per second (new events plus retries). */
  ratePerSecond: number;
  /** Approximate JSON payload size in bytes (padded). */
  payloadBytes: number;
  /** Share of sends that re-send an earlier event unchanged, as a client that timed out would (0..1). */
  retryShare: number;
  /** Stop after this many sends; undefined runs until stopped. */
  maxEvents?: number;
}

export const MAX_RATE_PER_SECOND = 50_000;
export const MAX_PAYLOAD_BYTES = 64 * 1024;
/** Retries pick from this many most recent events (a client retries what it just sent). */
const RETRY_POOL = 64;

/** Why producer settings are unusable, by field; empty when fine. */
export function producerProblems(s: ProducerSettings): Partial<Record<keyof ProducerSettings, string>> {
  const out: Partial<Record<keyof ProducerSettings, string>> = {};
  if (!Number.isFinite(s.ratePerSecond) || s.ratePerSecond < 1 || s.ratePerSecond > MAX_RATE_PER_SECOND)
    out.ratePerSecond = `The rate must be a number from 1 to ${MAX_RATE_PER_SECOND.toLocaleString("en")} events per second.`;
  if (!Number.isInteger(s.payloadBytes) || s.payloadBytes < 0 || s.payloadBytes > MAX_PAYLOAD_BYTES)
    out.payloadBytes = `The payload size must be a whole number of bytes from 0 to ${MAX_PAYLOAD_BYTES}.`;
  if (!Number.isFinite(s.retryShare) || s.retryShare < 0 || s.retryShare > 0.9)
    out.retryShare = "The retry share must be between 0 % and 90 %.";
  if (s.maxEvents !== undefined && (!Number.isInteger(s.maxEvents) || s.maxEvents < 1))
    out.maxEvents = "The number of events must be a whole number above 0.";
  return out;
}

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
