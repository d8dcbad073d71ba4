import { SNAPSHOT_INTERVAL_MS } from "../../metrics/index.ts";
import { encodeTransaction } from "../../nats/event.ts";
import { explainError } from "../../nats/errors.ts";
import { createNamespace, type Namespace } from "../../nats/namespace.ts";
import { resetOnServer } from "../../nats/admin.ts";
import type { ConnectionSettings } from "../../nats/settings.ts";
import { defaultSettingsOf, laneTitle } from "../contract/modes/index.ts";
import { payloadLimitProblem } from "../contract/producer.ts";
import type { Command, EngineSnapshot, LaneId, LaneSettingsMap, PublishOneResult } from "../contract/protocol.ts";
import { startLane, type Lane } from "./lane.ts";
import { createProducer, producerProblems, type Producer, type ProducerSettings } from "./producer.ts";
import { createOnePublisher } from "./publishOne.ts";
import { seededRandom } from "./random.ts";
import { REFUSAL_RETRY_MS } from "./refusal.ts";

/** How often the producer wakes up to send what the rate allows (events go out in small batches). */
export const PRODUCER_TICK_MS = 10;
/** Stream and consumer info from the server. */
export const INSPECT_INTERVAL_MS = 1_000;

export interface EngineDeps {
  emit: (snapshot: EngineSnapshot) => void;
  /** The result of a "publish-one" command. */
  published?: (result: PublishOneResult) => void;
  now?: () => number;
  seed?: number;
}

/**
 * The lab engine: lanes, one producer feeding every running lane the same events, and snapshots at
 * ≤ 10 Hz. Runs in a Web Worker in the browser and directly in Node for the integration tests.
 */
export function createLabEngine(deps: EngineDeps) {
  const now = deps.now ?? Date.now;
  const random = seededRandom(deps.seed ?? Date.now());
  let connection: ConnectionSettings | null = null;
  let namespace: Namespace | null = null;
  const lanes = new Map<LaneId, Lane>();
  let producer: Producer | null = null;
  let producerSettings: ProducerSettings | null = null;
  let error: string | undefined;
  const timers: ReturnType<typeof setInterval>[] = [];
  /** Whether the document is visible (not a hidden or frozen tab): snapshots are sent only then (the "visibility" command). */
  let visible = true;
  /** Counts stopAll() calls: a start that finds it changed after opening its lanes was overtaken (Stop, Reset, Start). */
  let generation = 0;
  const one = createOnePublisher({
    target: () => (connection && namespace ? { connection, namespace } : null),
    lanes: () => [...lanes.values()].map((l) => ({ id: l.id, subject: l.subject, consuming: l.consuming })),
    now,
  });

  const tick = () => {
    if (!producer || !producerSettings || lanes.size === 0) return;
    const t = now();
    const running = [...lanes.values()];
    // A lane whose connection gave up cannot publish: the producer pauses until Reconnect resumes it.
    if (running.some((l) => l.gaveUp)) return producer.hold(t);
    // A lane reopening its vanished stream, or refused by the server, holds the producer (a refused
    // lane gets one event per retry interval, to see whether the server stores again).
    if (running.some((l) => l.holding(t))) return producer.hold(t);
    producer.release(t);
    const ready = (l: Lane) => l.ready;
    let due = producer.due(t);
    if (running.some((l) => l.refused)) due = Math.min(due, 1);
    // Every lane gets every event: the slowest lane's publish window paces them all.
    while (due-- > 0 && running.every(ready)) {
      const { event } = producer.next(t);
      const data = encodeTransaction(event, producerSettings.payloadBytes);
      for (const lane of running) lane.publish(data);
    }
  };

  /** Why the producer waits, in a sentence for the producer panel. */
  const heldBecause = (t: number): string => {
    const all = [...lanes.values()];
    if (all.some((l) => l.gaveUp)) return "Paused: a lane's connection gave up. Reconnect to go on.";
    const refused = all.filter((l) => l.refused).map((l) => laneTitle(l.id));
    if (refused.length)
      return `Paused: the server refuses what ${refused.join(" and ")} publishes (its note says why); one event is tried again every ${REFUSAL_RETRY_MS / 1000} s.`;
    const mending = all.filter((l) => l.holding(t)).map((l) => laneTitle(l.id));
    return mending.length ? `Paused while ${mending.join(" and ")} creates what vanished on the server.` : "Paused.";
  };

  const snapshot = (): EngineSnapshot => {
    const t = now();
    const view: EngineSnapshot["lanes"] = {};
    for (const [id, lane] of lanes) view[id] = lane.view(t);
    const stats = producer?.stats() ?? { sent: 0, retries: 0, unique: 0 };
    return {
      at: t,
      running: lanes.size > 0,
      producer: {
        ...stats,
        done: producer?.done ?? false,
        held: producer?.held ?? false,
        heldBecause: producer?.held ? heldBecause(t) : undefined,
      },
      lanes: view,
      error,
    };
  };

  /** A payload the lanes' server would refuse (its max_payload), as the page says it at the payload field. */
  const payloadProblem = (p: ProducerSettings): string | null => {
    const limits = [...lanes.values()].map((l) => l.maxPayload).filter((m): m is number => m !== undefined);
    return limits.length ? payloadLimitProblem(p.payloadBytes, Math.min(...limits)) : null;
  };

  const stopAll = async () => {
    generation++;
    while (timers.length) clearInterval(timers.pop());
    producer = null;
    const closing = [...lanes.values()].map((l) => l.close());
    lanes.clear();
    await Promise.all(closing);
  };

  const start = async (ids: LaneId[], p: ProducerSettings, settings: Partial<LaneSettingsMap>) => {
    await stopAll();
    error = undefined;
    if (!connection || !namespace) throw new Error("The lab is not connected yet: connect first.");
    const problems = Object.values(producerProblems(p));
    if (problems.length) throw new Error(problems.join(" "));
    const ctx = { connection, namespace, now, random, tap: one.tap };
    const mine = generation;
    const opened = await Promise.allSettled(ids.map((id) => startLane(id, { ...ctx, settings: settings[id] ?? defaultSettingsOf(id) })));
    if (mine !== generation) {
      // Stopped (or started again) while these lanes opened: nobody else would ever close them.
      await Promise.all(opened.map((r) => (r.status === "fulfilled" ? r.value.close() : undefined)));
      return;
    }
    const failed = opened.find((r) => r.status === "rejected");
    for (const r of opened) if (r.status === "fulfilled") lanes.set(r.value.id, r.value);
    if (failed) {
      await stopAll();
      throw failed.reason;
    }
    const tooBig = payloadProblem(p);
    if (tooBig) {
      await stopAll();
      throw new Error(tooBig);
    }
    producerSettings = p;
    producer = createProducer(p, now(), random);
    timers.push(setInterval(tick, PRODUCER_TICK_MS));
    timers.push(setInterval(() => visible && deps.emit(snapshot()), SNAPSHOT_INTERVAL_MS));
    timers.push(setInterval(() => void Promise.all([...lanes.values()].map((l) => l.inspect())), INSPECT_INTERVAL_MS));
  };

  const handle = async (cmd: Command): Promise<void> => {
    try {
      switch (cmd.type) {
        case "configure":
          connection = cmd.connection;
          namespace = createNamespace(cmd.pid, "lab");
          return;
        case "start":
          if (cmd.fresh) {
            await stopAll();
            if (connection && namespace) await resetOnServer(connection, namespace);
          }
          return await start(cmd.lanes, cmd.producer, cmd.settings);
        case "stop":
          await stopAll();
          break;
        case "producer": {
          const problems = Object.values(producerProblems(cmd.producer));
          const tooBig = payloadProblem(cmd.producer);
          if (tooBig) problems.push(tooBig);
          if (problems.length) throw new Error(problems.join(" "));
          producerSettings = cmd.producer;
          producer = createProducer(cmd.producer, now(), random, producer?.nextSeq() ?? 1);
          return;
        }
        case "fault":
          await lanes.get(cmd.lane)?.fault(cmd.fault);
          break;
        case "resume": {
          const settings = connection;
          if (settings) await Promise.all([...lanes.values()].map((l) => l.resume(settings)));
          break;
        }
        case "publish-one":
          // Not awaited: the lab goes on (snapshots, faults) while it waits for deliveries.
          void one
            .publish(cmd.request)
            .catch((err: unknown): PublishOneResult => ({
              id: cmd.request.id,
              subject: cmd.request.subject,
              bytes: 0,
              deliveredTo: [],
              notDelivered: [],
              consumerStopped: [],
              error: { field: null, message: explainError(err).message },
            }))
            .then((r) => deps.published?.(r));
          return;
        case "visibility":
          visible = cmd.visible;
          if (!visible) return;
          break;
        case "reset": {
          await stopAll();
          if (connection && namespace) await resetOnServer(connection, namespace);
          break;
        }
      }
    } catch (err) {
      error = err instanceof Error && !("kind" in err) ? err.message : explainError(err).message;
    }
    deps.emit(snapshot());
  };

  return { handle, snapshot, stop: stopAll, lanes: () => lanes };
}

export type LabEngine = ReturnType<typeof createLabEngine>;
