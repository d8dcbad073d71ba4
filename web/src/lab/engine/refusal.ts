// When the server refuses what a lane publishes (its storage is full, a limit or a permission): the
// producer pauses for the lane instead of piling up errors, tries one event again every few seconds,
// and goes on by itself once the server stores again. Plain state and text, no NATS here.
import type { ErrorKind } from "../../nats/errors.ts";

/** How often a paused lane lets one event through to see whether the server stores again. */
export const REFUSAL_RETRY_MS = 2_000;

/** The failures that are the server saying no (as opposed to a lost connection or a slow answer). */
export const REFUSED_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  "quota",
  "permission",
  "payload-too-large",
  "stream-conflict",
  "invalid-subject",
]);

const n = (x: number) => x.toLocaleString("en");

export function createRefusal() {
  let r: { message: string; detail: string; since: number; refused: number; lastTry: number } | null = null;
  return {
    get active(): boolean {
      return r !== null;
    },
    /** A publish was refused with `e`; true when this begins a pause (the lane tells it once). */
    refused(now: number, e: { message: string; detail: string }): boolean {
      if (r) {
        r.refused++;
        r.message = e.message;
        r.detail = e.detail;
        return false;
      }
      r = { message: e.message, detail: e.detail, since: now, refused: 1, lastTry: now };
      return true;
    },
    /** Whether the producer waits for this lane at `now` (not once a retry is due). */
    holding(now: number): boolean {
      return r !== null && now - r.lastTry < REFUSAL_RETRY_MS;
    },
    /** An event goes out while paused: that is the retry; the next one waits another interval. */
    tried(now: number): void {
      if (r) r.lastTry = now;
    },
    /** A publish was stored: the pause ends. Its length and the publishes refused, or null when there was none. */
    accepted(now: number): { pausedMs: number; refused: number } | null {
      if (!r) return null;
      const out = { pausedMs: now - r.since, refused: r.refused };
      r = null;
      return out;
    },
    /** The lane's note while paused. */
    note(): string | undefined {
      if (!r) return undefined;
      const said = r.detail && !r.message.includes(r.detail) ? ` (the server said: “${r.detail}”)` : "";
      return `Paused: the server refuses what this lane publishes. ${r.message}${said} The producer waits for this lane and tries one event again every ${REFUSAL_RETRY_MS / 1000} s; ${n(r.refused)} publish${r.refused === 1 ? "" : "es"} refused so far.`;
    },
  };
}

export type Refusal = ReturnType<typeof createRefusal>;

/**
 * The note after the server came back without the lane's stream (restarted with an empty store, or
 * it was deleted): what it had acknowledged and never delivered is gone, and the lane goes on.
 */
export function storeLostNote(stream: string, lostAcked: number, storedBefore: number): string {
  const lost =
    lostAcked === 0
      ? "every message it had acknowledged had been delivered already, so nothing acked was lost"
      : `the server lost ${n(lostAcked)} acked message${lostAcked === 1 ? "" : "s"} (a PubAck had said stored; never delivered)`;
  return `The stream ${stream} was gone from the server (it restarted with an empty store, or the stream was deleted): of the ${n(storedBefore)} messages it had stored for this lane, ${lost}. The lane created the stream and its consumer again and goes on from there.`;
}

/** The note after someone deleted the lane's consumer while it consumed (its inactive threshold cannot fire then). */
export function consumerDeletedNote(): string {
  return "The durable consumer was deleted on the server while this lane consumed from it (not by its inactive threshold: a client was pulling). The lane created it again: it starts over from the stream's first message, so what was delivered before comes again.";
}
