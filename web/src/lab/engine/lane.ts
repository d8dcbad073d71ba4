import { createLaneMetrics, type LaneMetrics } from "../../metrics/index.ts";
import { explainError } from "../../nats/errors.ts";
import { consumerGoneNote } from "../../nats/modes/durable.ts";
import { seconds, watchOutages } from "../../nats/outages.ts";
import type { Delivery, Verdict } from "../../nats/processor.ts";
import type { ConnectionSettings } from "../../nats/settings.ts";
import { modeOf } from "../contract/modes/index.ts";
import type { Fault, LaneEvent, LaneId, LaneState, LaneView } from "../contract/protocol.ts";
import { loadMode } from "./loadMode.ts";
import { createMessageLog } from "./log.ts";
import type { LaneContext, LaneParts } from "./modes/shared.ts";
import { createOutageTracker } from "./outage.ts";
import { consumerDeletedNote, createRefusal, REFUSED_KINDS, storeLostNote } from "./refusal.ts";
import { caughtUpNote, createCatchUp, createDeliveryGaps, SLOW_CONSUMER_MS, SLOW_HANDLER_MS, slowNote } from "./slow.ts";

/** Publishes in flight per lane before the producer waits: enough to pipeline PubAcks, bounded memory. */
export const PUBLISH_WINDOW = 256;
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
  const def = modeOf(id);
  const engineMode = await loadMode(id);
  /** Core NATS: nothing is stored, so what nobody received is counted as lost. */
  const countsLoss = def.traits.countsLoss;
  /** The consumer's inactive threshold, for the notes (0: the mode has none). */
  const inactiveMs = (ctx.settings as { inactiveThresholdMs?: number }).inactiveThresholdMs ?? 0;
  const metrics: LaneMetrics = createLaneMetrics(ctx.now());
  const log = createMessageLog(LOG_CAPACITY);
  let state: LaneState = "starting";
  let note: string | undefined;
  /** The lane's outages: the latest is its story while it lasts (any other note ends that once the lane is back). */
  const outages = createOutageTracker(() => connection);
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
  /** The server refuses what this lane publishes (storage full, a limit): the producer waits for it. */
  const refusal = createRefusal();
  /** The lane reopens its stream or consumer, which vanished on the server: the producer waits meanwhile. */
  let recovering = false;
  /** A look at the server is under way (one at a time). */
  let checking = false;
  /** Stored and first-time delivered counts when the current stream began (the lane's start, or its last re-creation). */
  let storeBase = { stored: 0, firstDeliveries: 0 };
  let connection = ctx.connection;
  /** close() was called: a resume() still under way closes what it opens and stops there. */
  let closed = false;

  const away = outages.away;
  const say = (text: string | undefined) => {
    note = text;
    // An outage under way stays the lane's story (its note shows); one that ended gives way.
    outages.giveWay();
    slow = null;
  };
  const publishErrors = () => metrics.snapshot(ctx.now()).counters.publishErrors;
  const tell = (text: string | null) => {
    if (text) event(text);
  };
  const event = (text: string) => {
    events.push({ at: ctx.now(), text });
    if (events.length > EVENTS_KEPT) events.shift();
  };

  const logDelivery = (d: Delivery, outcome: LaneView["log"][number]["outcome"]) =>
    log.add(ctx.now(), d.subject, d.msgId ?? "", d.seq ?? 0, d.deliveryCount, d.latencyMs, outcome);

  const open = () =>
    engineMode.open(id, {
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
    // A mode whose processor reports every outcome (durable) taps and logs in observe, which sees every delivery.
    if (!engineMode.reportsOutcomes) ctx.tap?.(id, d);
    if (countsLoss) gaps.received(d.data);
    if (countsLoss) logDelivery(d, "received");
    else if (!engineMode.reportsOutcomes) logDelivery(d, acksPaused ? "skipped" : "acked");
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
    say((await openConsumer()) ? consumerGoneNote(inactiveMs) : undefined);
  };

  const stopConsumer = async () => {
    if (!consuming) return;
    consuming = false;
    await parts.stop();
    state = "consumer-stopped";
    say(
      !def.traits.stores
        ? "Consumer stopped: core NATS keeps nothing, so messages published now are lost."
        : `Consumer stopped: the server keeps the messages for it${inactiveMs ? `, and deletes the consumer after ${inactiveMs / 1000} s without a client (inactive threshold)` : ""}.`,
    );
  };

  // Each connection reports its own trouble; the lane is away while either is, and gave up when either did.
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
              if (state !== "gave-up") state = "reconnecting";
              tell(outages.lost(role, at, publishErrors()));
            },
            onBack: () => {
              const { allBack, event: news } = outages.back(role, ctx.now());
              if (allBack) state = consuming ? "running" : "consumer-stopped";
              tell(news);
            },
            onGaveUp: () => {
              state = "gave-up";
              tell(outages.gaveUpOn(role, ctx.now(), publishErrors()));
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

  const firstDeliveries = () => {
    const c = metrics.snapshot(ctx.now()).counters;
    return c.delivered - c.redelivered;
  };

  /**
   * The server came back without the stream (restarted with an empty store, or deleted): the lane
   * tells what was lost of what it had acked, opens again (stream and consumer created anew) and goes on.
   */
  const streamGone = async () => {
    recovering = true;
    try {
      await reopenStore();
    } finally {
      recovering = false;
    }
  };
  const reopenStore = async () => {
    const stream = parts.stream ?? "";
    const stored = metrics.snapshot(ctx.now()).counters.stored - storeBase.stored;
    const lostAcked = Math.max(0, stored - (firstDeliveries() - storeBase.firstDeliveries));
    const wasConsuming = consuming;
    unwatch();
    await parts.close();
    consuming = false;
    if (closed) return;
    parts = await open();
    if (closed) return await parts.close();
    outages.reopened();
    watch();
    metrics.forgetSequences();
    if (wasConsuming) await openConsumer();
    else state = "consumer-stopped";
    const c = metrics.snapshot(ctx.now()).counters;
    storeBase = { stored: c.stored, firstDeliveries: c.delivered - c.redelivered };
    event(
      `The stream ${stream} was gone from the server: ${lostAcked.toLocaleString("en")} acked messages lost; stream and consumer created again.`,
    );
    say(storeLostNote(stream, lostAcked, stored));
  };

  /** Someone deleted the consumer while the lane consumed: it is created again (it starts over) and the lane goes on. */
  const consumerDeleted = async () => {
    await parts.stop();
    consuming = false;
    if (closed) return;
    await openConsumer();
    startsOver();
    event("The durable consumer was deleted on the server while the lane consumed: created again, starting over.");
    say(consumerDeletedNote());
  };

  /** Asks the server for the stream's and consumer's numbers, and mends what vanished there. */
  const checkServer = async (): Promise<void> => {
    // Given up (or being reopened), its connections are closed: there is nobody to ask.
    if (outages.gaveUp || state === "starting" || closed || checking) return;
    checking = true;
    try {
      inspected = await parts.inspect();
      if (inspected.consumer && !inspected.consumer.exists) {
        if (consuming && !away()) await consumerDeleted();
        else if (state === "consumer-stopped")
          say(
            "The durable consumer is gone: it was idle longer than its inactive threshold. Restarting it starts over from the first message.",
          );
      }
    } catch (err) {
      // A slow answer (the connection was just cut) keeps the last numbers; it is not news, nor is
      // a failure while the connection is away: the outage note says so.
      const e = explainError(err);
      if (e.kind === "no-stream" && !away()) {
        try {
          await streamGone();
        } catch (again) {
          event(`Could not create the stream again: ${explainError(again).message}`);
          say(
            `The stream ${parts.stream ?? ""} is gone from the server and could not be created again: ${explainError(again).message} The lane tries again every second.`,
          );
        }
      } else if (e.kind !== "timeout" && !away()) say(e.message);
    } finally {
      checking = false;
    }
  };

  await startConsumer();

  return {
    id,
    metrics,
    /** Whether the producer may hand this lane another event now. */
    get ready(): boolean {
      return inflight < PUBLISH_WINDOW;
    },
    /** Whether the producer waits for this lane now: it reopens a vanished stream, or the server refuses it (until a retry is due). */
    holding(now: number): boolean {
      return recovering || refusal.holding(now);
    },
    /** The server refuses this lane's publishes: the producer sends it one event per retry interval. */
    get refused(): boolean {
      return refusal.active;
    },
    /** The largest message its server accepts (max_payload, from INFO), when known. */
    get maxPayload(): number | undefined {
      return parts.publisher.connection.info?.max_payload;
    },
    /** A connection spent its reconnect attempts: the lane waits for resume(). */
    get gaveUp(): boolean {
      return outages.gaveUp;
    },
    publish(data: Uint8Array): void {
      // Only PubAcks are worth a window: a core publish is done once written, so it takes no slot.
      const windowed = def.traits.stores;
      if (windowed) inflight++;
      if (!consuming) lostWhileStopped++;
      else if (countsLoss) gaps.sent(data);
      // While the server refuses, this event is the retry (the clock is read only then: this runs per event).
      if (refusal.active) refusal.tried(ctx.now());
      parts.publisher.publish(data).then(
        () => {
          if (windowed) inflight--;
          const ended = refusal.accepted(ctx.now());
          if (ended) {
            event(
              `Storing again after ${seconds(ended.pausedMs)} paused (${ended.refused.toLocaleString("en")} publishes refused): the producer goes on.`,
            );
            say(undefined);
          }
        },
        (err: unknown) => {
          if (windowed) inflight--;
          // During an outage and just after it, the outage's note counts these failures.
          if (outages.ownsErrors(ctx.now())) return;
          const e = explainError(err);
          if (REFUSED_KINDS.has(e.kind)) {
            if (refusal.refused(ctx.now(), e)) {
              event(`Paused: the server refused a publish: ${e.detail || e.message}`);
              say(undefined);
            }
            return;
          }
          // No stream answers the subject any more: it was deleted, or the server came back empty. The next look finds out.
          if (e.kind === "no-stream" || e.kind === "jetstream-disabled" || /no stream stores/i.test(e.message)) {
            void checkServer();
            return;
          }
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
          await Promise.all([parts.publisher.connection.reconnect(), parts.consumer.connection.reconnect(), parts.workers?.reconnect()]);
          return;
        case "pause-acks":
          acksPaused = true;
          parts.workers?.configure({ acksPaused, slowUntil: slow?.until ?? 0 });
          say("Acks paused: delivered messages stay unacknowledged, so the server redelivers them after ack wait.");
          return;
        case "resume-acks":
          acksPaused = false;
          parts.workers?.configure({ acksPaused, slowUntil: slow?.until ?? 0 });
          say(undefined);
          return;
        case "slow-consumer":
          say(undefined);
          slow = { until: ctx.now() + SLOW_CONSUMER_MS, flagged: false, maxWaiting: 0, lostAtStart: gaps.lost, catchUp: createCatchUp() };
          parts.workers?.configure({ acksPaused, slowUntil: slow.until });
          event(`Slow consumer: each message waits ${SLOW_HANDLER_MS} ms, for ${SLOW_CONSUMER_MS / 1000} s.`);
          return;
        case "add-worker":
          if (!parts.workers) return;
          await parts.workers.add();
          event(`A consumer worker was added: ${parts.workers.view(ctx.now()).length} share the consumer.`);
          return;
        case "remove-worker":
          if (!parts.workers || parts.workers.view(ctx.now()).length <= 1) return;
          await parts.workers.remove();
          event(
            `A consumer worker was removed: ${parts.workers.view(ctx.now()).length} share the consumer; what it had not acked comes again to the others.`,
          );
          return;
      }
    },
    /** Asks the server for stream and consumer numbers (about once a second). */
    async inspect(): Promise<void> {
      // Given up (or being reopened), its connections are closed: there is nobody to ask.
      if (outages.gaveUp || state === "starting" || closed) return;
      await checkServer();
    },
    /**
     * After the connections gave up and the learner pressed Reconnect: opens the lane again with the
     * same metrics and log; a JetStream consumer resumes at the server's ack floor, or starts over
     * when the server deleted it meanwhile (the note says which). Nothing to do for a lane that did
     * not give up. A lane closed meanwhile (Stop, Reset, Start) closes what it opened and stops there.
     */
    async resume(settings: ConnectionSettings): Promise<void> {
      if (!outages.gaveUp || state === "starting" || closed) return;
      const wasConsuming = consuming;
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
        outages.reopened();
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
        tell(outages.reopenFailed(ctx.now(), publishErrors(), explainError(err).message));
        return;
      }
      // Only now may the producer go on: a core message sent before the subscription would be lost.
      tell(outages.resumed(ctx.now(), recreated));
    },
    view(now: number): LaneView {
      if (countsLoss) metrics.setLost(lostWhileStopped + gaps.lost);
      const snapshot = metrics.snapshot(now);
      // Slow while the fault lasts; core goes on "catching up" until its client-side backlog is worked off.
      let slowPhase: LaneView["slowConsumer"];
      if (slow) {
        slow.maxWaiting = Math.max(slow.maxWaiting, gaps.waiting);
        slowPhase = now < slow.until ? "slow" : slow.catchUp.catchingUp(gaps.waiting) ? "catching-up" : undefined;
        if (!slowPhase) {
          note = caughtUpNote(def.traits.stores, slow.maxWaiting, gaps.lost - slow.lostAtStart);
          event("Slow consumer caught up.");
          slow = null;
        }
      }
      return {
        id,
        state: refusal.active && state === "running" ? "paused" : state,
        note: refusal.active
          ? refusal.note()
          : outages.current
            ? (outages.note(def.traits.stores, now, snapshot.counters.publishErrors) ?? undefined)
            : slow
              ? slowNote(def.traits.stores, gaps.waiting, slow.flagged)
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
        ...(parts.workers && { workers: parts.workers.view(now), processedTwice: parts.workers.processedTwice() }),
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
