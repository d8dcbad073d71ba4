import { MODES, type LaneId } from "./modes/index.ts";
import type { ProducerSettings } from "./producer.ts";

export { LAB_INACTIVE_THRESHOLD_MS, SEED_INACTIVE_THRESHOLD_MS } from "./modes/fields.ts";
export { allLaneSettings, defaultSettingsOf } from "./modes/index.ts";

export const defaultProducer = (): ProducerSettings => ({ ratePerSecond: 50, payloadBytes: 128, retryShare: 0.1 });

/** Each lane's title and promise, from its mode's definition. */
export const LANE_INFO = Object.fromEntries(MODES.map((m) => [m.id, { title: m.title, promise: m.promise }])) as Record<
  LaneId,
  { title: string; promise: string }
>;
