import { duration } from "../../../shared/format.ts";
import { COMMON_FAULTS } from "../faults.ts";
import { INACTIVE_HELP, inactiveThreshold, LAB_INACTIVE_THRESHOLD_MS, STORED_COUNTERS } from "./fields.ts";
import { defineMode } from "./types.ts";

export const jetstream = defineMode({
  id: "jetstream",
  title: "JetStream",
  shortTitle: "JetStream",
  promise: "Stored in a stream and acked: a consumer that was away catches up; a retry is stored twice.",
  traits: { stores: true, acks: true, countsLoss: false, dedupes: false, workers: false },
  onByDefault: true,
  defaults: { inactiveThresholdMs: LAB_INACTIVE_THRESHOLD_MS },
  fields: { inactiveThresholdMs: inactiveThreshold(INACTIVE_HELP) },
  summary: (s) => `inactive ${duration(s.inactiveThresholdMs)}`,
  counters: STORED_COUNTERS,
  charts: ["throughput", "latency"],
  faults: [...COMMON_FAULTS, "pause-acks"],
  look: { color: "var(--lane-jetstream)", dash: "12 4", marker: "square" },
});
