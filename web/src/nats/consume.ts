import type { Consumer, ConsumerMessages, JsMsg } from "@nats-io/jetstream";
import type { Msg } from "@nats-io/nats-core";
import type { LaneMetrics } from "../metrics/index.ts";
import { explainError, PlaygroundError } from "./errors.ts";
import { HDR_MSG_ID, HDR_SENT_AT } from "./event.ts";
import type { ConsumerHandle, Delivery, DeliveryHandler, Verdict } from "./processor.ts";

export interface ConsumeLoopOptions {
  metrics?: LaneMetrics;
  now: () => number;
  /** Messages per pull request (≤ the consumer's max_batch). */
  maxMessages: number;
  /** Pull request expiry (≤ the consumer's max_expires). */
  expiresMs: number;
}

/** Milliseconds since the sender's Playground-Sent-At header; NaN when there is none. */
export function latencyOf(sentAt: string | undefined, now: number): number {
  const t = sentAt ? Number(sentAt) : NaN;
  return Number.isFinite(t) ? Math.max(0, now - t) : NaN;
}

/**
 * The fields of nats-core's MsgImpl (3.x) the fast path reads: the subject's bytes, where the header
 * block ends, and the bytes holding headers then payload. Public on the class, not in the Msg interface.
 */
interface RawMsg {
  _msg: { subject: Uint8Array; hdr: number };
  _rdata: Uint8Array;
}

/** The raw fields of a core message, or null when this client keeps them differently (then the public API is used). */
export function rawOf(m: Msg): RawMsg | null {
  const r = m as unknown as Partial<RawMsg>;
  return r._msg && r._msg.subject instanceof Uint8Array && typeof r._msg.hdr === "number" && r._rdata instanceof Uint8Array
    ? (r as RawMsg)
    : null;
}

const CR = 13;
const LF = 10;
const COLON = 58;
const asBytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const SENT_AT_NAME = asBytes(HDR_SENT_AT);
const MSG_ID_NAME = asBytes(HDR_MSG_ID);

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

function nameIs(buf: Uint8Array, from: number, to: number, name: Uint8Array): boolean {
  if (to - from !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (buf[from + i] !== name[i]) return false;
  return true;
}

/** ASCII bytes [from, to) as a string, trimmed as the client trims header values. */
function asciiTrimmed(buf: Uint8Array, from: number, to: number): string {
  while (from < to && isSpace(buf[from] as number)) from++;
  while (to > from && isSpace(buf[to - 1] as number)) to--;
  let s = "";
  for (let i = from; i < to; i++) s += String.fromCharCode(buf[i] as number);
  return s;
}

/** The two headers the playground reads on every delivery: undefined when absent. */
export interface PlaygroundHeaders {
  sentAt: string | undefined;
  msgId: string | undefined;
}

/**
 * Playground-Sent-At and Nats-Msg-Id read straight from a header block's bytes ("NATS/1.0…\r\n", then
 * "Name: value\r\n" lines), without decoding the rest: the same values MsgHdrs.get() gives (the
 * first one, exact name, trimmed). Null when the block holds anything but ASCII (then decode it).
 */
export function scanHeaders(buf: Uint8Array, end = buf.length): PlaygroundHeaders | null {
  let sentAt: string | undefined;
  let msgId: string | undefined;
  for (let i = 0; i < end; i++) if ((buf[i] as number) > 0x7f) return null;
  // The status line ("NATS/1.0", maybe a code) is skipped; every later line up to the blank one is a header.
  let line = 0;
  while (line < end - 1 && !(buf[line] === CR && buf[line + 1] === LF)) line++;
  line += 2;
  while (line < end) {
    let eol = line;
    while (eol < end && !(buf[eol] === CR && buf[eol + 1] === LF)) eol++;
    let colon = line;
    while (colon < eol && buf[colon] !== COLON) colon++;
    if (colon < eol) {
      if (sentAt === undefined && nameIs(buf, line, colon, SENT_AT_NAME)) sentAt = asciiTrimmed(buf, colon + 1, eol);
      else if (msgId === undefined && nameIs(buf, line, colon, MSG_ID_NAME)) msgId = asciiTrimmed(buf, colon + 1, eol);
    }
    line = eol + 2;
  }
  return { sentAt, msgId };
}

/**
 * What a delivery needs from a message's headers and subject, read without nats-core decoding the
 * whole header block (a Map, a canonical name and a regex test per header) and the subject (a
 * TextDecoder call) on every message: the headers are scanned as bytes, and the subject is decoded
 * only when its bytes differ from the previous message's (one subscription: nearly always the same).
 */
export function createDeliveryReader() {
  let lastSubjectBytes: Uint8Array | null = null;
  let lastSubject = "";
  const subjectOf = (m: Msg, raw: RawMsg): string => {
    const b = raw._msg.subject;
    const last = lastSubjectBytes;
    if (last !== null && last.length === b.length) {
      let same = true;
      for (let i = 0; i < b.length; i++)
        if (last[i] !== b[i]) {
          same = false;
          break;
        }
      if (same) return lastSubject;
    }
    lastSubject = m.subject;
    // A copy: the parser may reuse the buffer the subject was read from.
    lastSubjectBytes = b.slice();
    return lastSubject;
  };
  return (m: Msg): { subject: string; msgId: string | undefined; sentAt: string | undefined } => {
    const raw = rawOf(m);
    const scanned =
      raw === null ? null : raw._msg.hdr > -1 ? scanHeaders(raw._rdata, raw._msg.hdr) : { sentAt: undefined, msgId: undefined };
    if (raw === null || scanned === null) {
      const h = m.headers;
      return { subject: m.subject, msgId: h?.get(HDR_MSG_ID) || undefined, sentAt: h?.get(HDR_SENT_AT) };
    }
    return { subject: subjectOf(m, raw), msgId: scanned.msgId || undefined, sentAt: scanned.sentAt };
  };
}

/** The core message inside a JetStream one (JsMsgImpl keeps it as `msg`), or null. */
const innerMsg = (m: JsMsg): Msg | null => {
  const inner = (m as unknown as { msg?: Msg }).msg;
  return inner && typeof inner === "object" ? inner : null;
};

export function toDelivery(m: JsMsg, now: number, read?: ReturnType<typeof createDeliveryReader>): Delivery {
  const inner = read ? innerMsg(m) : null;
  if (read && inner) {
    const r = read(inner);
    return {
      subject: r.subject,
      data: m.data,
      msgId: r.msgId,
      seq: m.seq,
      deliveryCount: m.info.deliveryCount,
      latencyMs: latencyOf(r.sentAt, now),
    };
  }
  return {
    subject: m.subject,
    data: m.data,
    msgId: m.headers?.get(HDR_MSG_ID) || undefined,
    seq: m.seq,
    deliveryCount: m.info.deliveryCount,
    latencyMs: latencyOf(m.headers?.get(HDR_SENT_AT), now),
  };
}

/** Applies the handler's verdict to the message; returns whether it was acked. */
export function settle(m: JsMsg, verdict: Verdict): boolean {
  if (verdict === undefined || verdict === "ack") {
    m.ack();
    return true;
  }
  if (verdict === "term") m.term();
  else if (verdict !== "skip") m.nak(verdict.nak);
  return false;
}

const GONE = new Set(["consumer_deleted", "consumer_not_found", "stream_not_found"]);

/**
 * Runs one consume loop over a pull consumer with explicit acks. Missed heartbeats (a hidden tab's
 * throttled timers, a network stall) stop the loop and start a fresh one, never two at once. A
 * consumer that disappears ends the loop with a "consumer-gone" error instead of retrying forever.
 */
export function consumeLoop(consumer: Consumer, handler: DeliveryHandler, opts: ConsumeLoopOptions): ConsumerHandle {
  let current: ConsumerMessages | undefined;
  let stopped = false;
  let endReason: PlaygroundError | null = null;

  const watch = async (iter: ConsumerMessages) => {
    for await (const s of iter.status()) {
      if (s.type === "heartbeats_missed" && s.count >= 2) {
        iter.stop(); // the outer loop starts a new consume
      } else if (GONE.has(s.type)) {
        endReason = explainError(new Error("consumer deleted"));
        stopped = true;
        iter.stop();
      }
    }
  };

  const run = async (): Promise<PlaygroundError | null> => {
    while (!stopped) {
      let iter: ConsumerMessages;
      try {
        iter = await consumer.consume({ max_messages: opts.maxMessages, expires: opts.expiresMs, abort_on_missing_resource: true });
      } catch (err) {
        return explainError(err);
      }
      current = iter;
      void watch(iter);
      const read = createDeliveryReader();
      try {
        for await (const m of iter) {
          const now = opts.now();
          const d = toDelivery(m, now, read);
          opts.metrics?.onDelivered(now, d.latencyMs, d.deliveryCount > 1, d.seq);
          let verdict: Verdict;
          try {
            verdict = await handler(d);
          } catch {
            verdict = { nak: 0 };
          }
          if (settle(m, verdict)) opts.metrics?.onConsumerAck();
        }
      } catch (err) {
        if (!stopped) return explainError(err);
      }
    }
    return endReason;
  };

  const ended = run();
  return {
    ended,
    stop: async () => {
      stopped = true;
      current?.stop();
      await ended;
    },
  };
}
