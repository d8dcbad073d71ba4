// The seed's deduplication client, done right: every publish carries a Nats-Msg-Id the stream can recognise.
import { transactionId } from "../event.ts";
import type { ProcessorConfig } from "../processor.ts";
import { DEFAULT_DUPLICATE_WINDOW_MS } from "../streams.ts";
import type { JetStreamModeOptions, MsgIdFor } from "./js-common.ts";
import { openJetStreamProcessor, type JetStreamProcessor } from "./jetstream.ts";

/**
 * Where the Nats-Msg-Id comes from:
 * - "business-key": the transaction's id, so a retried event is recognised (falls back to the content hash);
 * - "content-hash": identical bytes are one event (FNV-1a, 64 bits);
 * - "timestamp": the send time, as the seed did: a retry is sent later, gets a new id and is stored twice;
 * - "none": no header, the seed's actual defect: the stream rejects nothing.
 */
export type MsgIdStrategy = "business-key" | "content-hash" | "timestamp" | "none";

export interface DedupeModeOptions extends JetStreamModeOptions {
  /** How long the stream remembers a Nats-Msg-Id, from the original's store time; ≥ 100 ms, ≤ max age. Default 2 min. */
  duplicateWindowMs?: number;
  /** Default "business-key". */
  msgIdStrategy?: MsgIdStrategy;
}

export interface DedupeProcessor extends JetStreamProcessor {
  readonly msgIdStrategy: MsgIdStrategy;
  readonly duplicateWindowMs: number;
}

// FNV-1a 64-bit in four 16-bit limbs: exact in doubles, no BigInt and no allocation per byte.
const FNV_OFFSET: readonly [number, number, number, number] = [0x2325, 0x8422, 0x9ce4, 0xcbf2]; // 0xcbf29ce484222325, low limb first
const FNV_PRIME_LOW = 0x01b3; // the prime is 2^40 + 0x1b3: limb 0 is 0x1b3, limb 2 is 0x100
const FNV_PRIME_LIMB2 = 0x0100;
const hex4 = (n: number) => n.toString(16).padStart(4, "0");

/** 64-bit FNV-1a of the bytes as 16 hex digits: deterministic, fast, good enough to tell payloads apart. */
export function fnv1a64Hex(data: Uint8Array): string {
  let [h0, h1, h2, h3] = FNV_OFFSET;
  for (let i = 0; i < data.length; i++) {
    h0 ^= data[i] ?? 0;
    const t0 = h0 * FNV_PRIME_LOW;
    const t1 = h1 * FNV_PRIME_LOW + (t0 >>> 16);
    const t2 = h2 * FNV_PRIME_LOW + h0 * FNV_PRIME_LIMB2 + (t1 >>> 16);
    const t3 = h3 * FNV_PRIME_LOW + h1 * FNV_PRIME_LIMB2 + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  return hex4(h3) + hex4(h2) + hex4(h1) + hex4(h0);
}

/** Sub-millisecond digits of a Go-style UnixNano id. */
const NANOS_PER_MS = 1_000_000;

/** The Nats-Msg-Id function for a strategy; undefined for "none". */
export function msgIdFor(strategy: MsgIdStrategy): MsgIdFor | undefined {
  switch (strategy) {
    case "business-key":
      // The producer may pass the id it knows as `msgId` (then this is not called); otherwise the id is
      // read from the payload: scanned as bytes when it is shaped as encodeTransaction writes it.
      return (data) => transactionId(data) ?? fnv1a64Hex(data);
    case "content-hash":
      return (data) => fnv1a64Hex(data);
    case "timestamp": {
      // The seed used time.Now().UnixNano(); a clock has no two equal nanoseconds, so ties in one ms count up.
      let lastMs = -1;
      let tick = 0;
      return (_data, nowMs) => {
        tick = nowMs === lastMs ? tick + 1 : 0;
        lastMs = nowMs;
        return `${nowMs}${String(tick % NANOS_PER_MS).padStart(6, "0")}`;
      };
    }
    case "none":
      return undefined;
  }
}

/**
 * The "dedupe" mode: a stream with a duplicate window and a Nats-Msg-Id on every publish. A PubAck
 * flagged duplicate stored nothing; it is counted as a rejected duplicate and the result says so.
 */
export async function createDedupeProcessor(cfg: ProcessorConfig & DedupeModeOptions): Promise<DedupeProcessor> {
  const duplicateWindowMs = cfg.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS;
  const strategy = cfg.msgIdStrategy ?? "business-key";
  const p = await openJetStreamProcessor(cfg, cfg, { mode: "dedupe", duplicateWindowMs, msgIdFor: msgIdFor(strategy) });
  return Object.assign(p, { msgIdStrategy: strategy, duplicateWindowMs });
}
