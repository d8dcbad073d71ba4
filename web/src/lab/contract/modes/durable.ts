import { duration, percent } from "../../../shared/format.ts";
import { COMMON_FAULTS } from "../faults.ts";
import { ackWait, INACTIVE_TRAP_HELP, inactiveThreshold, LAB_INACTIVE_THRESHOLD_MS, STORED_COUNTERS } from "./fields.ts";
import { defineMode } from "./types.ts";

export const durable = defineMode({
  id: "durable",
  title: "Durable consumer",
  shortTitle: "Durable",
  promise: "At least once: unacked messages come again after ack wait; the consumer resumes where it stopped.",
  traits: { stores: true, acks: true, countsLoss: false, dedupes: false, workers: false },
  onByDefault: true,
  defaults: { ackWaitMs: 5_000, maxDeliver: -1, failureRate: 0, inactiveThresholdMs: LAB_INACTIVE_THRESHOLD_MS },
  fields: {
    ackWaitMs: ackWait,
    maxDeliver: {
      kind: "number",
      label: "Max deliver",
      help: "Deliveries per message before the server gives up; -1: no limit.",
      unit: "count",
      check: (n) => (n === -1 || (Number.isInteger(n) && n >= 1) ? null : "Max deliver must be -1 (no limit) or a whole number from 1."),
    },
    failureRate: {
      kind: "number",
      label: "Failure rate (%)",
      help: "Share of deliveries the consumer leaves unacked on purpose.",
      unit: "percent",
      check: (n) => (n >= 0 && n <= 100 ? null : "The failure rate must be from 0 % to 100 %."),
    },
    inactiveThresholdMs: inactiveThreshold(INACTIVE_TRAP_HELP),
  },
  summary: (s) =>
    `ack wait ${duration(s.ackWaitMs)} · max deliver ${s.maxDeliver === -1 ? "∞" : s.maxDeliver} · failures ${percent(s.failureRate)} % · inactive ${duration(s.inactiveThresholdMs)}`,
  counters: STORED_COUNTERS,
  charts: ["throughput", "redeliveries", "latency"],
  faults: [...COMMON_FAULTS, "pause-acks"],
  look: { color: "var(--lane-durable)", dash: "10 3 2 3", marker: "diamond" },
});
