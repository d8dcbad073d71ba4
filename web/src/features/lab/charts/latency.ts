// Pure: what the latency chart samples from a lane, and when the lane restarted.
import type { LaneView } from "../../../lab/contract/protocol.ts";
import type { RestartTest } from "./history.ts";

export interface LatencyValues {
  p50: number | null;
  p99: number | null;
  /** Latency samples so far; with the counters below it tells a restart from a quiet second. */
  count: number;
  published: number;
  delivered: number;
}

export const latencyValues = (lane: LaneView): LatencyValues => ({
  p50: lane.metrics.latency.p50,
  p99: lane.metrics.latency.p99,
  count: lane.metrics.latency.count,
  published: lane.metrics.counters.published,
  delivered: lane.metrics.counters.delivered,
});

/** Counters only grow within one run of a lane: any that went backwards means the lane started afresh. */
export const isLaneRestart: RestartTest<LatencyValues> = (prev, next) =>
  next.count < prev.count || next.published < prev.published || next.delivered < prev.delivered;
