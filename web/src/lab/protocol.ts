// Messages between the lab view (main thread) and the lab engine (Web Worker). Plain data only:
// everything here crosses postMessage. Nothing per message crosses it, only snapshots at ≤ 10 Hz.
import type { LaneSnapshot } from "../metrics/index.ts";
import type { ConsumerView, StreamView } from "../nats/inspect.ts";
import type { ConnectionSettings } from "../nats/settings.ts";
import type { LogEntry } from "./engine/log.ts";
import type { ProducerSettings } from "./engine/producer.ts";
import type { PublishOneRequest, PublishOneResult } from "./publishOne.ts";

export const LANE_IDS = ["core", "jetstream", "dedupe", "durable"] as const;
export type LaneId = (typeof LANE_IDS)[number];

/** Settings a lane can change; each applies to the lanes whose mode has it. */
export interface LaneSettings {
  /** Dedupe: duplicate window. */
  duplicateWindowMs: number;
  /** Dedupe: where Nats-Msg-Id comes from. */
  msgIdStrategy: "business-key" | "content-hash" | "timestamp" | "none";
  /** Durable: how long the server waits for an ack before redelivering. */
  ackWaitMs: number;
  /** Durable: deliveries per message before the server gives up on it (-1: no limit). */
  maxDeliver: number;
  /** Durable: share of deliveries the consumer deliberately leaves unacked. */
  failureRate: number;
  /** JetStream and durable: consumer deleted after this long without a client (the seed's trap at 10 s). */
  inactiveThresholdMs: number;
}

export type Fault = "stop-consumer" | "start-consumer" | "cut-connection" | "pause-acks" | "resume-acks" | "slow-consumer";

export type Command =
  | { type: "configure"; connection: ConnectionSettings; pid: string }
  /** `fresh`: stop whatever runs and delete the lab's streams first (a preset played from the projector). */
  | { type: "start"; lanes: LaneId[]; producer: ProducerSettings; settings: Record<LaneId, LaneSettings>; fresh?: boolean }
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

export type LaneState = "off" | "starting" | "running" | "consumer-stopped" | "reconnecting" | "gave-up" | "error";

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
  /** Connection and consumer events, oldest first (a few; they outlive the fast-moving message log). */
  events: LaneEvent[];
}

export interface EngineSnapshot {
  at: number;
  running: boolean;
  /** `held`: paused because a lane's connection gave up (nothing is owed for the pause). */
  producer: { sent: number; retries: number; unique: number; done: boolean; held?: boolean };
  lanes: Partial<Record<LaneId, LaneView>>;
  error?: string;
}

export type EngineEvent =
  { type: "snapshot"; snapshot: EngineSnapshot } | { type: "published"; result: PublishOneResult } | { type: "error"; message: string };

export type { ConsumerView, StreamView, PublishOneRequest, PublishOneResult };
