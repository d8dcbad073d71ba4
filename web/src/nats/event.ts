// The events that flow through the playground: financial transactions, the seed workshop's domain.

export interface Transaction {
  /** Business key: the same event re-sent keeps its id (what deduplication should key on). */
  id: string;
  account: string;
  /** Amount in cents, to keep sums exact. */
  amountCents: number;
  /** When the event happened (epoch ms); a retry keeps it. */
  ts: number;
}

/** Headers the playground sets on each message. */
export const HDR_MSG_ID = "Nats-Msg-Id";
/** Epoch ms when the message was sent, for end-to-end latency. */
export const HDR_SENT_AT = "Playground-Sent-At";

/** "NATS/1.0\r\n" before the header lines and "\r\n" after them, as the client writes them. */
const HEADER_FRAME_BYTES = 12;

/** UTF-8 bytes of a string (what the client's TextEncoder writes), without encoding it. */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a surrogate pair: 2 UTF-16 units, 4 bytes
      i++;
    } else n += 2; // 3 bytes (a lone surrogate becomes U+FFFD, 3 bytes too)
  }
  return n;
}

/** "Name: value\r\n" preceded by "\r\n" as the client joins them: name + value + 4 bytes. */
const SENT_AT_LINE_BYTES = HDR_SENT_AT.length + 4;
const MSG_ID_LINE_BYTES = HDR_MSG_ID.length + 4;

/**
 * Bytes the client will put on the wire for the playground's headers (it refuses anything above
 * max_payload), computed instead of encoded: the frame, the Sent-At line, the Msg-Id line if any.
 */
export function headerBytes(sentAt: string, msgId?: string): number {
  return HEADER_FRAME_BYTES + SENT_AT_LINE_BYTES + sentAt.length + (msgId ? MSG_ID_LINE_BYTES + utf8Length(msgId) : 0);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeTransaction(t: Transaction, padToBytes = 0): Uint8Array {
  const json = JSON.stringify(padToBytes > 0 ? { ...t, pad: "" } : t);
  if (padToBytes <= json.length) return encoder.encode(json);
  return encoder.encode(JSON.stringify({ ...t, pad: "x".repeat(padToBytes - json.length) }));
}

/** Parses a transaction; null when the payload is not one (the caller counts it, nothing throws). */
export function decodeTransaction(data: Uint8Array): Transaction | null {
  try {
    const v = JSON.parse(decoder.decode(data)) as Partial<Transaction>;
    if (typeof v.id !== "string" || typeof v.account !== "string" || typeof v.amountCents !== "number" || typeof v.ts !== "number")
      return null;
    return { id: v.id, account: v.account, amountCents: v.amountCents, ts: v.ts };
  } catch {
    return null;
  }
}

/**
 * Exactly the JSON encodeTransaction writes: the four fields in order, maybe "pad", strings without
 * escapes or control characters, integers. Anything it matches is valid JSON whose id is the capture.
 */
const TRANSACTION_SHAPE =
  // JSON strings may not hold control characters: the classes exclude them, as JSON.parse does.
  // eslint-disable-next-line no-control-regex
  /^\{"id":"([^"\\\u0000-\u001f]*)","account":"[^"\\\u0000-\u001f]*","amountCents":-?(?:0|[1-9]\d*),"ts":-?(?:0|[1-9]\d*)(?:,"pad":"[^"\\\u0000-\u001f]*")?\}$/;

/**
 * The transaction's id without building the object when the payload has exactly the shape
 * encodeTransaction writes (one regular-expression match over the decoded text, about a fifth of
 * JSON.parse's time here); any other payload is parsed. Always equals decodeTransaction(data)?.id ?? null.
 */
export function transactionId(data: Uint8Array): string | null {
  const m = TRANSACTION_SHAPE.exec(decoder.decode(data));
  if (m) return m[1] as string;
  return decodeTransaction(data)?.id ?? null;
}

/** Deterministic transaction generator: `seq` numbers the events, accounts repeat so sums are meaningful. */
export function makeTransaction(seq: number, now: number, accounts = 20): Transaction {
  return {
    id: `tx-${seq}`,
    account: `acct-${String(seq % accounts).padStart(3, "0")}`,
    amountCents: ((seq * 7919) % 100_000) - 20_000,
    ts: now,
  };
}
