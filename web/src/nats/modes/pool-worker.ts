// One consumer worker of a worker pool: its own connection, pulling from a durable consumer that
// other workers share (the server hands each message to one of them), doing the event's CPU work,
// then acking. It reports what it handled in small batches, never per message. The same code runs
// in a Web Worker (pool-worker.entry.ts) and, where there are no Web Workers (Node tests), in-process.
import { jetstream } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/nats-core";
import { openConnection } from "../connection.ts";
import { consumeLoop } from "../consume.ts";
import { explainError } from "../errors.ts";
import type { ConsumerHandle, Verdict } from "../processor.ts";
import type { ConnectionSettings } from "../settings.ts";

export type PoolWorkerCommand =
  | {
      type: "start";
      connection: ConnectionSettings;
      clientName: string;
      stream: string;
      durable: string;
      /** CPU time each event costs (a busy loop, as real processing would be). */
      workMs: number;
      acksPaused: boolean;
      /** Epoch ms until which each message also waits `slowMs` (the slow-consumer fault). */
      slowUntil: number;
      slowMs: number;
      maxMessages: number;
      expiresMs: number;
    }
  | { type: "configure"; acksPaused: boolean; slowUntil: number }
  | { type: "reconnect" }
  | { type: "stop" };

/** Fields per delivery in a batch's `rows`. */
export const ROW_FIELDS = 4;

export type PoolWorkerEvent =
  | { type: "started" }
  /** Per delivery: stream sequence, delivery count, latency (ms, NaN when unknown), 1 when acked. */
  | {
      type: "deliveries";
      rows: number[];
      recent: { subject: string; msgId: string; seq: number; deliveryCount: number; latencyMs: number; acked: boolean }[];
    }
  | { type: "error"; message: string }
  | { type: "stopped" };

/** How often a worker reports what it handled. */
export const REPORT_INTERVAL_MS = 100;
/** Deliveries per report that carry their subject and Nats-Msg-Id (for the message log). */
const RECENT_PER_REPORT = 5;

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // the event's processing: CPU work this worker's thread does, not the lab's
  }
};

/** A pool worker's logic; `send` posts to the lab engine. */
export function createPoolWorker(send: (e: PoolWorkerEvent) => void, now: () => number = Date.now) {
  let nc: NatsConnection | null = null;
  let loop: ConsumerHandle | null = null;
  let acksPaused = false;
  let slowUntil = 0;
  let rows: number[] = [];
  let recent: Extract<PoolWorkerEvent, { type: "deliveries" }>["recent"] = [];
  let timer: ReturnType<typeof setInterval> | undefined;
  const flush = () => {
    if (rows.length === 0) return;
    send({ type: "deliveries", rows, recent });
    rows = [];
    recent = [];
  };

  const start = async (c: Extract<PoolWorkerCommand, { type: "start" }>) => {
    acksPaused = c.acksPaused;
    slowUntil = c.slowUntil;
    try {
      nc = await openConnection(c.connection, c.clientName);
      const consumer = await jetstream(nc).consumers.get(c.stream, c.durable);
      loop = consumeLoop(
        consumer,
        async (d): Promise<Verdict> => {
          if (c.workMs > 0) busy(c.workMs);
          if (now() < slowUntil) await new Promise((r) => setTimeout(r, c.slowMs));
          const acked = !acksPaused;
          rows.push(d.seq ?? 0, d.deliveryCount, d.latencyMs, acked ? 1 : 0);
          if (recent.length < RECENT_PER_REPORT)
            recent.push({
              subject: d.subject,
              msgId: d.msgId ?? "",
              seq: d.seq ?? 0,
              deliveryCount: d.deliveryCount,
              latencyMs: d.latencyMs,
              acked,
            });
          return acked ? "ack" : "skip";
        },
        { now, maxMessages: c.maxMessages, expiresMs: c.expiresMs },
      );
      timer = setInterval(flush, REPORT_INTERVAL_MS);
      send({ type: "started" });
      const reason = await loop.ended;
      if (reason) send({ type: "error", message: reason.message });
    } catch (err) {
      send({ type: "error", message: explainError(err).message });
    }
  };

  const stop = async () => {
    const l = loop;
    loop = null;
    await l?.stop();
    clearInterval(timer);
    flush();
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc?.close());
    nc = null;
    send({ type: "stopped" });
  };

  return {
    handle(cmd: PoolWorkerCommand): void {
      switch (cmd.type) {
        case "start":
          void start(cmd);
          return;
        case "configure":
          acksPaused = cmd.acksPaused;
          slowUntil = cmd.slowUntil;
          return;
        case "reconnect":
          void nc?.reconnect().catch(() => undefined);
          return;
        case "stop":
          void stop();
          return;
      }
    },
  };
}
