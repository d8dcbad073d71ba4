import { createLaneMetrics, type LaneMetrics } from "../../metrics/index.ts";
import { explainError } from "../../nats/errors.ts";
import type { Delivery, Verdict } from "../../nats/processor.ts";
import type { Fault, LaneId, LaneState, LaneView } from "../protocol.ts";
import { createMessageLog } from "./log.ts";
import { openLane, type LaneContext, type LaneParts } from "./lanes.ts";

/** Publishes in flight per lane before the producer waits: enough to pipeline PubAcks, bounded memory. */
export const PUBLISH_WINDOW = 256;
/** Log lines kept per lane, and sent per snapshot. */
export const LOG_CAPACITY = 200;
export const LOG_IN_SNAPSHOT = 50;

const OUTCOME = { acked: "acked", "simulated-failure": "skipped", "not-acked": "nak", terminated: "nak" } as const;

/**
 * One lane of the lab: a client mode with its own publishing and consuming connections (a fault in
 * one lane touches no other), its metrics, message log, server-side numbers and faults.
 */
export async function startLane(id: LaneId, ctx: Omit<LaneContext, "metrics" | "observe">) {
  const metrics: LaneMetrics = createLaneMetrics(ctx.now());
  const log = createMessageLog(LOG_CAPACITY);
  let state: LaneState = "starting";
  let note: string | undefined;
  let acksPaused = false;
  let consuming = false;
  let inflight = 0;
  /** Core NATS: messages published while no subscriber listened are gone for good. */
  let lostWhileStopped = 0;
  let inspected: Awaited<ReturnType<LaneParts["inspect"]>> = { atMaxDeliver: 0 };

  const logDelivery = (d: Delivery, outcome: LaneView["log"][number]["outcome"]) =>
    log.add(ctx.now(), d.subject, d.msgId ?? "", d.seq ?? 0, d.deliveryCount, d.latencyMs, outcome);

  const parts = await openLane(id, {
    ...ctx,
    metrics,
    observe: (d, outcome) => logDelivery(d, acksPaused && outcome === "not-acked" ? "skipped" : OUTCOME[outcome]),
  });

  const handler = (d: Delivery): Verdict => {
    if (id === "core") logDelivery(d, "received");
    else if (id !== "durable") logDelivery(d, acksPaused ? "skipped" : "acked");
    return acksPaused ? "skip" : "ack";
  };

  const startConsumer = async () => {
    if (consuming) return;
    const recreatedNote = await parts.start(handler);
    consuming = true;
    state = "running";
    note = recreatedNote ?? undefined;
  };

  const stopConsumer = async () => {
    if (!consuming) return;
    consuming = false;
    await parts.stop();
    state = "consumer-stopped";
    note =
      id === "core"
        ? "Consumer stopped: core NATS keeps nothing, so messages published now are lost."
        : `Consumer stopped: the server keeps the messages for it${ctx.settings.inactiveThresholdMs ? `, and deletes the consumer after ${ctx.settings.inactiveThresholdMs / 1000} s without a client (inactive threshold)` : ""}.`;
  };

  // Each connection reports its own trouble; the lane says "reconnecting" while either is away.
  for (const p of [parts.publisher, parts.consumer]) {
    void (async () => {
      for await (const s of p.connection.status()) {
        if (s.type === "disconnect" || s.type === "reconnecting") state = "reconnecting";
        else if (s.type === "reconnect") state = consuming ? "running" : "consumer-stopped";
      }
    })();
  }

  await startConsumer();

  return {
    id,
    metrics,
    /** Whether the producer may hand this lane another event now. */
    get ready(): boolean {
      return inflight < PUBLISH_WINDOW;
    },
    publish(data: Uint8Array): void {
      inflight++;
      if (!consuming) lostWhileStopped++;
      parts.publisher.publish(data).then(
        () => inflight--,
        (err: unknown) => {
          inflight--;
          const e = explainError(err);
          note =
            e.kind === "timeout"
              ? "Some publishes got no acknowledgement in time (a cut connection loses them in flight): their outcome is unknown, they may be stored. Only a retry with the same Nats-Msg-Id is safe."
              : e.message;
        },
      );
    },
    async fault(fault: Fault): Promise<void> {
      switch (fault) {
        case "stop-consumer":
          return stopConsumer();
        case "start-consumer":
          return startConsumer();
        case "cut-connection":
          note = "Connections cut: the client reconnects by itself.";
          await Promise.all([parts.publisher.connection.reconnect(), parts.consumer.connection.reconnect()]);
          return;
        case "pause-acks":
          acksPaused = true;
          note = "Acks paused: delivered messages stay unacknowledged, so the server redelivers them after ack wait.";
          return;
        case "resume-acks":
          acksPaused = false;
          note = undefined;
          return;
      }
    },
    /** Asks the server for stream and consumer numbers (about once a second). */
    async inspect(): Promise<void> {
      try {
        inspected = await parts.inspect();
        if (inspected.consumer && !inspected.consumer.exists && state === "consumer-stopped")
          note =
            "The durable consumer is gone: it was idle longer than its inactive threshold. Restarting it starts over from the first message.";
      } catch (err) {
        // A slow answer (the connection was just cut) keeps the last numbers; it is not news.
        const e = explainError(err);
        if (e.kind !== "timeout") note = e.message;
      }
    },
    view(now: number): LaneView {
      if (id === "core") metrics.setLost(lostWhileStopped);
      return {
        id,
        state,
        note,
        subject: parts.publisher.subject,
        stream: parts.stream,
        metrics: metrics.snapshot(now),
        streamInfo: inspected.stream,
        consumerInfo: inspected.consumer,
        atMaxDeliver: inspected.atMaxDeliver,
        acksPaused,
        log: log.recent(LOG_IN_SNAPSHOT),
      };
    },
    close: () => parts.close(),
  };
}

export type Lane = Awaited<ReturnType<typeof startLane>>;
