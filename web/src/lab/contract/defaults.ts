import type { ProducerSettings } from "./producer.ts";

export { LAB_INACTIVE_THRESHOLD_MS, SEED_INACTIVE_THRESHOLD_MS } from "./modes/fields.ts";
export { allLaneSettings, defaultSettingsOf } from "./modes/index.ts";

export const defaultProducer = (): ProducerSettings => ({ ratePerSecond: 50, payloadBytes: 128, retryShare: 0.1 });
