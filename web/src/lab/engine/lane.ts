import { createLaneMetrics, type LaneMetrics } from "../../metrics/index.ts";
import { explainError } from "../../nats/errors.ts";
import { consumerGoneNote } from "../../nats/modes/durable.ts";
import { attemptsText, seconds, watchOutages } from "../../nats/outages.ts";
import type { Delivery, Verdict } from "../../nats/processor.ts";
import type { ConnectionSettings } from "../../nats/settings.ts";
import type { Fault, LaneEvent, LaneId, LaneState, LaneView } from "../protocol.ts";
import { createMessageLog } from "./log.ts";
import { openLane, type LaneContext, type LaneParts } from "./lanes.ts";
import { outageNote, type Outage } from "./outage.ts";
import { caughtUpNote, createCatchUp, createDeliveryGaps, SLOW_CONSUMER_MS, SLOW_HANDLER_MS, slowNote } from "./slow.ts";

/** Publishes in flight per lane before the producer waits: enough to pipeline PubAcks, bounded memory. */
export const PUBLISH_WINDOW = 256;
/** How long after a reconnect publish failures still count as the outage's (the PubAck timeout is 5 s). */
const OUTAGE_ERRORS_AFTER_MS = 10_000;
/** Log lines kept per lane, and sent per snapshot. */
export const LOG_CAPACITY = 200;
export const LOG_IN_SNAPSHOT = 50;
/** Lane events kept per lane: connection (lost, back, gave up, resumed) and consumer (slow, caught up). */
export const EVENTS_KEPT = 20;

const OUTCOME = { acked: "acked", "simulated-failure": "skipped", "not-acked": "nak", terminated: "nak" } as const;

/**
 * One lane of the lab: a client mode with its own publishing and consuming connections (a fault in
 * one lane touches no other), its metrics, message log, server-side numbers and faults.
 */
export async function startLane(
  id: LaneId,
  ctx: Omit<LaneContext, "metrics" | "observe"> & {
    /** Sees every delivery the handler gets (the engine matches a "publish one" event with it). */
    tap?: (lane: LaneId, d: Delivery) => void;
  },
) {
  const metrics: LaneMetrics = createLaneMetrics(ctx.now());
  const log = createMessageLog(LOG_CAPACITY);
  let state: LaneState = "starting";
  let note: string | undefined;
  /** The latest outage, while it is the lane's story (any other note ends that once the lane is back). */
  let outage: Outage | null = null;
  const events: LaneEvent[] = [];
  let acksPaused = false;
  let consuming = false;
  let inflight = 0;
  /** Core NATS: messages published while no subscriber listened are gone for good. */
  let lostWhileStopped = 0;
  /** Core NATS: messages its subscriber never got while it listened (a cut connection, a slow consumer). */
  const gaps = createDeliveryGaps();
  /** The slow-consumer fault: the handler is slow until `until`; the lane tells it until the backlog is gone. */
  let slow: {
    until: number;
    flagged: boolean;
    maxWaiting: number;
    lostAtStart: number;
    catchUp: ReturnType<typeof createCatchUp>;
  } | null = null;
  let inspected: Awaited<ReturnType<LaneParts["inspect"]>> = { atMaxDeliver: 0 };
  let connection = ctx.connection;
  /** close() was called: a resume() still under way closes what it opens and stops there. */
  let closed = false;

  /** The connections are away now (lost, or gave up): no news but the outage's. */
  const away = () => outage?.phase === "down" || outage?.phase === "gave-up";
  /**
   * Publish failures belong to the outage while it lasts and for a while after it ended: the publishes
   * in flight at the drop time out (client default 5 s) after the connection is back, and the outage's
   * note counts them as unknown. Later failures are news of their own.
   */
  const outageOwnsErrors = () =>
    away() || (outage !== null && outage.downMs !== undefined && ctx.now() - (outage.since + outage.downMs) < OUTAGE_ERRORS_AFTER_MS);
  const say = (text: string | undefined) => {
    note = text;
    // An outage under way stays the lane's story (its note shows); one that ended gives way.
    if (!away()) outage = null;
    slow = null;
  };
  const publishErrors = () => metrics.snapshot(ctx.now()).counters.publishErrors;
  const event = (text: string) => {
    events.push({ at: ctx.now(), text });
    if (events.length > EVENTS_KEPT) events.shift();
  };

  const logDelivery = (d: Delivery, outcome: LaneView["log"][number]["outcome"]) =>
    log.add(ctx.now(), d.subject, d.msgId ?? "", d.seq ?? 0, d.deliveryCount, d.latencyMs, outcome);

  const open = () =>
    openLane(id, {
      ...ctx,
      connection,
      metrics,
      observe: (d, outcome) => {
        // Simulated failures never reach the handler, yet the lane's consumer did receive them.
        ctx.tap?.(id, d);
        logDelivery(d, acksPaused && outcome === "not-acked" ? "skipped" : OUTCOME[outcome]);
      },
    });
  let parts = await open();

  const handler = (d: Delivery): Verdict | Promise<Verdict> => {
    // The durable lane taps (and logs) in observe, which sees every delivery.
    if (id !== "durable") ctx.tap?.(id, d);
    if (id === "core") gaps.received(d.data);
    if (id === "core") logDelivery(d, "received");
    else if (id !== "durable") logDelivery(d, acksPaused ? "skipped" : "acked");
    const verdict = acksPaused ? "skip" : "ack";
    // A slow call the handler awaits: the next message waits in the client meanwhile.
    if (slow && ctx.now() < slow.until) return new Promise((r) => setTimeout(() => r(verdict), SLOW_HANDLER_MS));
    return verdict;
  };

  /** A durable consumer created anew replays from the stream's first message: those deliveries are not repeats. */
  const startsOver = () => metrics.forgetSequences();

  /** Starts the consume loop; true when the durable consumer had to be created anew. */
  const openConsumer = async (): Promise<boolean> => {
    const recreated = await parts.start(handler);
    if (recreated) startsOver();
    consuming = true;
    state = "running";
    return recreated;
  };

  const startConsumer = async () => {
    if (consuming) return;
    say((await openConsumer()) ? consumerGoneNote(ctx.settings.inactiveThresholdMs) : undefined);
  };

  const stopConsumer = async () => {
    if (!consuming) return;
    consuming = false;
    await parts.stop();
    state = "consumer-stopped";
    say(
      id === "core"
        ? "Consumer stopped: core NATS keeps nothing, so messages published now are lost."
        : `Consumer stopped: the server keeps the messages for it${ctx.settings.inactiveThresholdMs ? `, and deletes the consumer after ${ctx.settings.inactiveThresholdMs / 1000} s without a client (inactive threshold)` : ""}.`,
    );
  };

  // Each connection reports its own trouble; the lane is away while either is, and gave up when either did.
  const down = new Set<"pub" | "sub">();
  const gaveUp = new Set<"pub" | "sub">();
  const watchers: { dispose(): void }[] = [];
  const watch = () => {
    watchSlow(parts.consumer);
    for (const [role, p] of [
      ["pub", parts.publisher],
      ["sub", parts.consumer],
    ] as const) {
      watchers.push(
        watchOutages(
          p.connection,
          {
            onLost: (at) => {
              down.add(role);
              if (state !== "gave-up") state = "reconnecting";
              if (outage?.phase === "down" || outage?.phase === "gave-up") return;
              outage = { since: at, phase: "down", errorsAtStart: publishErrors() };
              event(`Connection lost: reconnecting by itself (${attemptsText(connection)}).`);
            },
            onBack: () => {
              down.delete(role);
              if (down.size > 0 || gaveUp.size > 0) return;
              state = consuming ? "running" : "consumer-stopped";
              if (outage?.phase !== "down") return;
              outage = { ...outage, phase: "back", downMs: ctx.now() - outage.since };
              event(`Reconnected after ${seconds(outage.downMs ?? 0)}.`);
            },
            onGaveUp: () => {
              gaveUp.add(role);
              state = "gave-up";
              if (outage?.phase === "gave-up") return;
              const t = ctx.now();
              outage =
                outage?.phase === "down" ? { ...outage, phase: "gave-up" } : { since: t, phase: "gave-up", errorsAtStart: publishErrors() };
              event(`Gave up after ${connection.maxReconnects} reconnect attempts (no server for ${seconds(t - outage.since)}).`);
            },
          },
          ctx.now,
        ),
      );
    }
  };
  // The client library's own verdict on the core subscription (its `slow` threshold).
  const watchSlow = (p: LaneParts["consumer"]) =>
    void (async () => {
      for await (const s of p.connection.status()) {
        if (s.type !== "slowConsumer" || !slow || slow.flagged) continue;
        slow.flagged = true;
        event(`Slow consumer: the client library flagged ${s.pending.toLocaleString("en")} messages waiting in the client.`);
      }
    })();
  const unwatch = () => watchers.splice(0).forEach((w) => w.dispose());
  watch();

  await startConsumer();

  return {
    id,
    metrics,
    /** Whether the producer may hand this lane another event now. */
    get ready(): boolean {
      return inflight < PUBLISH_WINDOW;
    },
    /** A connection spent its reconnect attempts: the lane waits for resume(). */
    get gaveUp(): boolean {
      return gaveUp.size > 0;
    },
    publish(data: Uint8Array): void {
      inflight++;
      if (!consuming) lostWhileStopped++;
      else if (id === "core") gaps.sent(data);
      parts.publisher.publish(data).then(
        () => inflight--,
        (err: unknown) => {
          inflight--;
          // During an outage and just after it, the outage's note counts these failures.
          if (outageOwnsErrors()) return;
          const e = explainError(err);
          say(
            e.kind === "timeout"
              ? "Some publishes got no acknowledgement in time (a cut connection loses them in flight): their outcome is unknown, they may be stored. Only a retry with the same Nats-Msg-Id is safe."
              : e.message,
          );
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
          say("Connections cut: the client reconnects by itself.");
          await Promise.all([parts.publisher.connection.reconnect(), parts.consumer.connection.reconnect()]);
          return;
        case "pause-acks":
          acksPaused = true;
          say("Acks paused: delivered messages stay unacknowledged, so the server redelivers them after ack wait.");
          return;
        case "resume-acks":
          acksPaused = false;
          say(undefined);
          return;
        case "slow-consumer":
          say(undefined);
          slow = { until: ctx.now() + SLOW_CONSUMER_MS, flagged: false, maxWaiting: 0, lostAtStart: gaps.lost, catchUp: createCatchUp() };
          event(`Slow consumer: each message waits ${SLOW_HANDLER_MS} ms, for ${SLOW_CONSUMER_MS / 1000} s.`);
          return;
      }
    },
    /** Asks the server for stream and consumer numbers (about once a second). */
    async inspect(): Promise<void> {
      // Given up (or being reopened), its connections are closed: there is nobody to ask.
      if (gaveUp.size > 0 || state === "starting" || closed) return;
      try {
        inspected = await parts.inspect();
        if (inspected.consumer && !inspected.consumer.exists && state === "consumer-stopped")
          say(
            "The durable consumer is gone: it was idle longer than its inactive threshold. Restarting it starts over from the first message.",
          );
      } catch (err) {
        // A slow answer (the connection was just cut) keeps the last numbers; it is not news, nor is
        // a failure while the connection is away: the outage note says so.
        const e = explainError(err);
        if (e.kind !== "timeout" && !away()) say(e.message);
      }
    },
    /**
     * After the connections gave up and the learner pressed Reconnect: opens the lane again with the
     * same metrics and log; a JetStream consumer resumes at the server's ack floor, or starts over
     * when the server deleted it meanwhile (the note says which). Nothing to do for a lane that did
     * not give up. A lane closed meanwhile (Stop, Reset, Start) closes what it opened and stops there.
     */
    async resume(settings: ConnectionSettings): Promise<void> {
      if (gaveUp.size === 0 || state === "starting" || closed) return;
      const wasConsuming = consuming;
      const current = outage;
      state = "starting";
      unwatch();
      await parts.close();
      consuming = false;
      if (closed) return;
      connection = settings;
      let opened: LaneParts | null = null;
      let recreated: boolean;
      try {
        opened = await open();
        if (closed) return await opened.close();
        parts = opened;
        // The old consumer was deleted while the lane was away: the one opening made starts over.
        recreated = parts.consumerCreated;
        if (recreated) startsOver();
        down.clear();
        watch();
        if (wasConsuming) recreated = (await openConsumer()) || recreated;
        else state = "consumer-stopped";
        // Closed meanwhile (Stop, Reset, Start): close() took these parts; closing again catches a loop begun since.
        if (closed) return await parts.close();
      } catch (err) {
        // Still no server (or it refused): the lane stays given up, and Reconnect can try again.
        unwatch();
        consuming = false;
        await opened?.close().catch(() => undefined);
        if (closed) return;
        state = "gave-up";
        const message = explainError(err).message;
        const t = ctx.now();
        outage =
          current?.phase === "gave-up"
            ? { ...current, reopenError: message }
            : { since: t, phase: "gave-up", errorsAtStart: publishErrors(), reopenError: message };
        event(`Could not reopen the lane: ${message}`);
        return;
      }
      // Only now may the producer go on: a core message sent before the subscription would be lost.
      gaveUp.clear();
      const t = ctx.now();
      const since = current?.since ?? t;
      outage = { since, phase: "resumed", downMs: t - since, errorsAtStart: current?.errorsAtStart ?? 0, consumerRecreated: recreated };
      event(
        `Resumed after Reconnect (${seconds(t - since)} without a server)${recreated ? ": the durable consumer was created again, starting over" : ""}.`,
      );
    },
    view(now: number): LaneView {
      if (id === "core") metrics.setLost(lostWhileStopped + gaps.lost);
      const snapshot = metrics.snapshot(now);
      // Slow while the fault lasts; core goes on "catching up" until its client-side backlog is worked off.
      let slowPhase: LaneView["slowConsumer"];
      if (slow) {
        slow.maxWaiting = Math.max(slow.maxWaiting, gaps.waiting);
        slowPhase = now < slow.until ? "slow" : slow.catchUp.catchingUp(gaps.waiting) ? "catching-up" : undefined;
        if (!slowPhase) {
          note = caughtUpNote(id, slow.maxWaiting, gaps.lost - slow.lostAtStart);
          event("Slow consumer caught up.");
          slow = null;
        }
      }
      return {
        id,
        state,
        note: outage
          ? outageNote(id, outage, now, snapshot.counters.publishErrors - outage.errorsAtStart, connection)
          : slow
            ? slowNote(id, gaps.waiting, slow.flagged)
            : note,
        subject: parts.publisher.subject,
        stream: parts.stream,
        metrics: snapshot,
        streamInfo: inspected.stream,
        consumerInfo: inspected.consumer,
        atMaxDeliver: inspected.atMaxDeliver,
        acksPaused,
        slowConsumer: slowPhase,
        log: log.recent(LOG_IN_SNAPSHOT),
        events: [...events],
      };
    },
    /** Whether its consumer is taking deliveries now. */
    get consuming(): boolean {
      return consuming;
    },
    /** The subject its publisher sends to (and its consumer reads). */
    get subject(): string {
      return parts.publisher.subject;
    },
    close: () => {
      closed = true;
      unwatch();
      return parts.close();
    },
  };
}

export type Lane = Awaited<ReturnType<typeof startLane>>;
