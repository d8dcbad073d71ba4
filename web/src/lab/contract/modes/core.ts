import { COMMON_FAULTS } from "../faults.ts";
import { defineMode } from "./types.ts";

export const core = defineMode({
  id: "core",
  title: "Core NATS",
  shortTitle: "Core NATS",
  promise: "At most once: fast, nothing stored; whoever is not listening misses it.",
  traits: { stores: false, acks: false, countsLoss: true, dedupes: false, workers: false },
  onByDefault: true,
  defaults: {},
  fields: {},
  summary: () => "nothing to set",
  counters: ["published", "delivered", "lost", "publishErrors"],
  charts: ["throughput", "latency"],
  faults: COMMON_FAULTS,
  look: { color: "var(--lane-core)", dash: "", marker: "circle" },
});
