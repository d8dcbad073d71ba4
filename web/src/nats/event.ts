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

/** Deterministic transaction generator: `seq` numbers the events, accounts repeat so sums are meaningful. */
export function makeTransaction(seq: number, now: number, accounts = 20): Transaction {
  return {
    id: `tx-${seq}`,
    account: `acct-${String(seq % accounts).padStart(3, "0")}`,
    amountCents: ((seq * 7919) % 100_000) - 20_000,
    ts: now,
  };
}
