// Messages between the lab view (main thread) and the lab engine (Web Worker). Plain data only:
// everything here crosses postMessage. Nothing per message crosses it, only snapshots at ≤ 10 Hz.
import type { LaneSnapshot } from "../metrics/index.ts";
import type { ConsumerView, StreamView } from "../nats/inspect.ts";
import type { ConnectionSettings } from "../nats/settings.ts";
import type { LogEntry } from "./engine/log.ts";
import type { ProducerSettings } from "./engine/producer.ts";

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

export type Fault = "stop-consumer" | "start-consumer" | "cut-connection" | "pause-acks" | "resume-acks";

export type Command =
  | { type: "configure"; connection: ConnectionSettings; pid: string }
  | { type: "start"; lanes: LaneId[]; producer: ProducerSettings; settings: Record<LaneId, LaneSettings> }
  | { type: "stop" }
  | { type: "producer"; producer: ProducerSettings }
  | { type: "fault"; lane: LaneId; fault: Fault }
  | { type: "reset" };

export type LaneState = "off" | "starting" | "running" | "consumer-stopped" | "reconnecting" | "error";

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
  log: LogEntry[];
}

export interface EngineSnapshot {
  at: number;
  running: boolean;
  producer: { sent: number; retries: number; unique: number; done: boolean };
  lanes: Partial<Record<LaneId, LaneView>>;
  error?: string;
}

export type EngineEvent = { type: "snapshot"; snapshot: EngineSnapshot } | { type: "error"; message: string };

export type { ConsumerView, StreamView };
