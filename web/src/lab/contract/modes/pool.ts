import { duration } from "../../../shared/format.ts";
import { COMMON_FAULTS } from "../faults.ts";
import { ackWait, INACTIVE_HELP, inactiveThreshold, LAB_INACTIVE_THRESHOLD_MS, STORED_COUNTERS } from "./fields.ts";
import { defineMode } from "./types.ts";

/** Most consumer workers one lane may run. */
export const MAX_POOL_WORKERS = 16;
/** Longest CPU work per event a worker may be given. */
export const MAX_WORK_MS = 100;

/** The machine's cores, as the browser (or Node) tells them: the pool's default size. */
export const machineCores = (): number =>
  Math.min(
    MAX_POOL_WORKERS,
    Math.max(1, (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 2),
  );

export const pool = defineMode({
  id: "pool",
  title: "Worker pool",
  shortTitle: "Pool",
  promise:
    "One durable consumer shared by several workers, each on its own thread: more workers, more events per second, each still processed once.",
  traits: { stores: true, acks: true, countsLoss: false, dedupes: false, workers: true },
  onByDefault: false,
  defaults: { workers: machineCores(), workMs: 2, ackWaitMs: 5_000, inactiveThresholdMs: LAB_INACTIVE_THRESHOLD_MS },
  fields: {
    workers: {
      kind: "number",
      label: "Workers",
      help: "Consumer workers pulling from the one durable consumer, each a Web Worker with its own connection.",
      unit: "count",
      check: (n) =>
        Number.isInteger(n) && n >= 1 && n <= MAX_POOL_WORKERS
          ? null
          : `The number of workers must be a whole number from 1 to ${MAX_POOL_WORKERS}.`,
    },
    workMs: {
      kind: "number",
      label: "Work per event (ms)",
      help: "CPU time each event costs its worker (a busy loop, as real processing would be): one worker handles at most 1000 / this per second.",
      unit: "count",
      check: (n) => (Number.isFinite(n) && n >= 0 && n <= MAX_WORK_MS ? null : `The work per event must be from 0 to ${MAX_WORK_MS} ms.`),
    },
    ackWaitMs: ackWait,
    inactiveThresholdMs: inactiveThreshold(INACTIVE_HELP),
  },
  summary: (s) => `${s.workers} worker${s.workers === 1 ? "" : "s"} · ${s.workMs} ms per event · ack wait ${duration(s.ackWaitMs)}`,
  counters: STORED_COUNTERS,
  charts: ["throughput", "redeliveries", "latency"],
  faults: [...COMMON_FAULTS, "pause-acks", "add-worker", "remove-worker"],
  look: { color: "var(--lane-pool)", dash: "6 2 1 2 1 2", marker: "cross" },
});
