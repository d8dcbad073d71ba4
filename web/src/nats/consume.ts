import type { Consumer, ConsumerMessages, JsMsg } from "@nats-io/jetstream";
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

export function toDelivery(m: JsMsg, now: number): Delivery {
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
      try {
        for await (const m of iter) {
          const now = opts.now();
          const d = toDelivery(m, now);
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
