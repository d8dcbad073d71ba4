// Pure: what the combined chart samples from a snapshot, and when a new run starts.
import { LANE_IDS, type EngineSnapshot, type LaneId } from "../../../lab/contract/protocol.ts";
import type { RestartTest } from "./history.ts";

/** What the producer sent and each running lane's cumulative deliveries, at one moment. */
export type CombinedValues = { published: number } & Partial<Record<LaneId, number>>;

/** The sample for a snapshot, or null when no lane runs (the chart then keeps showing the last run). */
export function combinedValues(snapshot: EngineSnapshot): CombinedValues | null {
  const values: CombinedValues = { published: snapshot.producer.sent };
  let lanes = 0;
  for (const id of LANE_IDS) {
    const lane = snapshot.lanes[id];
    if (!lane) continue;
    values[id] = lane.metrics.counters.delivered;
    lanes++;
  }
  return lanes > 0 ? values : null;
}

/** The lanes a sample has, in the usual order. */
export const lanesOf = (values: CombinedValues | undefined): LaneId[] => (values ? LANE_IDS.filter((id) => values[id] !== undefined) : []);

/** A different set of lanes or a count going backwards means a new run: the history starts afresh. */
export const isCombinedRestart: RestartTest<CombinedValues> = (prev, next) => {
  if (next.published < prev.published) return true;
  return LANE_IDS.some((id) => {
    const a = prev[id];
    const b = next[id];
    return (a === undefined) !== (b === undefined) || (a !== undefined && b !== undefined && b < a);
  });
};
