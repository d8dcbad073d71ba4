// Messages between the lab view (main thread) and the lab engine (Web Worker). Plain data only:
// everything here crosses postMessage. Nothing per message crosses it, only snapshots at ≤ 10 Hz.
import type { LaneSnapshot } from "../../metrics/index.ts";
import type { ConsumerView, StreamView } from "../../nats/inspect.ts";
import type { ConnectionSettings } from "../../nats/settings.ts";
import type { Fault } from "./faults.ts";
import type { LogEntry } from "./log.ts";
import type { LaneId, LaneSettingsMap } from "./modes/index.ts";
import type { ProducerSettings } from "./producer.ts";
import type { PublishOneRequest, PublishOneResult } from "./publishOne.ts";

export type Command =
  | { type: "configure"; connection: ConnectionSettings; pid: string }
  /** `fresh`: stop whatever runs and delete the lab's streams first (a preset played from the projector). */
  | { type: "start"; lanes: LaneId[]; producer: ProducerSettings; settings: Partial<LaneSettingsMap>; fresh?: boolean }
  | { type: "stop" }
  | { type: "producer"; producer: ProducerSettings }
  | { type: "fault"; lane: LaneId; fault: Fault }
  /** Reopens the lanes whose connections gave up (after the learner pressed Reconnect). */
  | { type: "resume" }
  /** One event typed by the user, published inside the namespace (running or not). */
  | { type: "publish-one"; request: PublishOneRequest }
  /**
   * The page was hidden or shown again. Hidden, the engine runs on but sends no snapshots (a frozen
   * background tab would queue them all); shown, it sends one at once, so the page catches up in one step.
   */
  | { type: "visibility"; visible: boolean }
  | { type: "reset" };

/** `paused`: the server refuses what the lane publishes (storage full, a limit): the producer waits for it. */
export type LaneState = "off" | "starting" | "running" | "paused" | "consumer-stopped" | "reconnecting" | "gave-up" | "error";

/**
 * Something that happened to a lane, for the message log: to its connections (lost, back, gave up,
 * resumed) or its consumer (slow, caught up).
 */
export interface LaneEvent {
  at: number;
  text: string;
}

export interface LaneView {
  id: LaneId;
  state: LaneState;
  /** A sentence for the learner: what just happened (consumer recreated, reconnecting, an error). */
  note?: string;
  subject: string;
  stream?: string;
  metrics: LaneSnapshot;
  streamInfo?: StreamView;
  consumerInfo?: ConsumerView;
  /** Durable: deliveries that reached max deliver without an ack (the server sends them no more). */
  atMaxDeliver: number;
  acksPaused: boolean;
  /** The slow-consumer fault: its handler is slow now, or (core) the client still works off the backlog. */
  slowConsumer?: "slow" | "catching-up";
  log: LogEntry[];
  /** Worker-pool lanes: each consumer worker's share of the deliveries. */
  workers?: WorkerView[];
  /** Worker-pool lanes: events acked more than once (a redelivery of one already processed): at-least-once at work. */
  processedTwice?: number;
  /** Connection and consumer events, oldest first (a few; they outlive the fast-moving message log). */
  events: LaneEvent[];
}

/** One consumer worker of a worker-pool lane. */
export interface WorkerView {
  /** 1, 2, … in the order they started. */
  id: number;
  state: "starting" | "running" | "stopped" | "error";
  /** Deliveries it handled (acked or not), redeliveries included. */
  delivered: number;
  /** Deliveries it handled in the last completed second. */
  perSecond: number;
  /** Why it stopped, when it did on its own. */
  error?: string;
}

export interface EngineSnapshot {
  at: number;
  running: boolean;
  /** `held`: paused because a lane's connection gave up (nothing is owed for the pause). */
  producer: { sent: number; retries: number; unique: number; done: boolean; held?: boolean; heldBecause?: string };
  lanes: Partial<Record<LaneId, LaneView>>;
  error?: string;
}

export type EngineEvent =
  { type: "snapshot"; snapshot: EngineSnapshot } | { type: "published"; result: PublishOneResult } | { type: "error"; message: string };

export type { ConsumerView, StreamView, PublishOneRequest, PublishOneResult, Fault, LaneId, LogEntry, ProducerSettings };
export { LANE_IDS, type AnyLaneSettings, type LaneSettingsMap } from "./modes/index.ts";
