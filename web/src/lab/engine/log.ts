import type { LogEntry } from "../contract/log.ts";

export type { LogEntry };

const blank = (): LogEntry => ({ at: 0, subject: "", msgId: "", seq: 0, deliveryCount: 0, latencyMs: 0, outcome: "received" });

/**
 * The last N messages of a lane. The entries are allocated once and overwritten in place, so logging
 * every message allocates nothing; `recent()` copies them out for a snapshot (≤ 10 Hz).
 */
export function createMessageLog(capacity: number) {
  const slots = Array.from({ length: capacity }, blank);
  let next = 0;
  let size = 0;
  return {
    add(
      at: number,
      subject: string,
      msgId: string,
      seq: number,
      deliveryCount: number,
      latencyMs: number,
      outcome: LogEntry["outcome"],
    ): void {
      const e = slots[next] as LogEntry;
      e.at = at;
      e.subject = subject;
      e.msgId = msgId;
      e.seq = seq;
      e.deliveryCount = deliveryCount;
      e.latencyMs = latencyMs;
      e.outcome = outcome;
      next = (next + 1) % capacity;
      size = Math.min(size + 1, capacity);
    },
    /** Copies of the newest entries, newest first, at most `limit`. */
    recent(limit = capacity): LogEntry[] {
      const out: LogEntry[] = [];
      for (let i = 1; i <= Math.min(limit, size); i++) out.push({ ...(slots[(next - i + capacity) % capacity] as LogEntry) });
      return out;
    },
    clear(): void {
      next = 0;
      size = 0;
    },
    get size(): number {
      return size;
    },
  };
}

export type MessageLog = ReturnType<typeof createMessageLog>;
