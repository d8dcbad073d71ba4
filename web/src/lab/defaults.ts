import { DEFAULT_INACTIVE_THRESHOLD_MULTIPLIER, DEFAULT_RECONNECT_WAIT_SECONDS } from "../nats/constants.ts";
import { DEFAULT_DUPLICATE_WINDOW_MS } from "../nats/streams.ts";
import type { ProducerSettings } from "./engine/producer.ts";
import { LANE_IDS, type LaneId, type LaneSettings } from "./protocol.ts";

/** The seed's inactive threshold: reconnect wait x 2 = 10 s. */
export const SEED_INACTIVE_THRESHOLD_MS = DEFAULT_RECONNECT_WAIT_SECONDS * DEFAULT_INACTIVE_THRESHOLD_MULTIPLIER * 1000;
/** What the lab uses unless a preset says otherwise: long enough that pausing a consumer is safe. */
export const LAB_INACTIVE_THRESHOLD_MS = 10 * 60 * 1000;

export const defaultProducer = (): ProducerSettings => ({ ratePerSecond: 50, payloadBytes: 128, retryShare: 0.1 });

export const defaultLaneSettings = (): LaneSettings => ({
  duplicateWindowMs: DEFAULT_DUPLICATE_WINDOW_MS,
  msgIdStrategy: "business-key",
  ackWaitMs: 5_000,
  maxDeliver: -1,
  failureRate: 0,
  inactiveThresholdMs: LAB_INACTIVE_THRESHOLD_MS,
});

export const allLaneSettings = (): Record<LaneId, LaneSettings> =>
  Object.fromEntries(LANE_IDS.map((id) => [id, defaultLaneSettings()])) as Record<LaneId, LaneSettings>;

/** What each mode promises, in one line (shown on the lane). */
export const LANE_INFO: Record<LaneId, { title: string; promise: string }> = {
  core: { title: "Core NATS", promise: "At most once: fast, nothing stored; whoever is not listening misses it." },
  jetstream: { title: "JetStream", promise: "Stored in a stream and acked: a consumer that was away catches up; a retry is stored twice." },
  dedupe: { title: "JetStream + dedupe", promise: "Stored once per Nats-Msg-Id inside the duplicate window: retries are rejected." },
  durable: {
    title: "Durable consumer",
    promise: "At least once: unacked messages come again after ack wait; the consumer resumes where it stopped.",
  },
};
