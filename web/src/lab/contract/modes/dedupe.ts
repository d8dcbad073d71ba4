import { DEFAULT_DUPLICATE_WINDOW_MS, DEFAULT_STREAM_MAX_AGE_MS, MIN_DUPLICATE_WINDOW_MS } from "../../../nats/streams.ts";
import { duration } from "../../../shared/format.ts";
import { COMMON_FAULTS } from "../faults.ts";
import { INACTIVE_HELP, inactiveThreshold, LAB_INACTIVE_THRESHOLD_MS, STORED_COUNTERS } from "./fields.ts";
import { defineMode } from "./types.ts";

export const MSG_ID_STRATEGIES = [
  { id: "business-key", label: "Business key (recommended)", explain: "The transaction id: a retry carries the same id and is rejected." },
  { id: "content-hash", label: "Content hash", explain: "A hash of the bytes: identical payloads count as one event." },
  {
    id: "timestamp",
    label: "Timestamp (the seed's mistake)",
    explain: "The seed's mistake: a retry is sent later, gets a new id and is stored twice.",
  },
  { id: "none", label: "None (the seed's defect)", explain: "No Nats-Msg-Id, the seed's actual defect: the stream rejects nothing." },
] as const;

export type MsgIdStrategyId = (typeof MSG_ID_STRATEGIES)[number]["id"];

export const dedupe = defineMode({
  id: "dedupe",
  title: "JetStream + dedupe",
  shortTitle: "Dedupe",
  promise: "Stored once per Nats-Msg-Id inside the duplicate window: retries are rejected.",
  traits: { stores: true, acks: true, countsLoss: false, dedupes: true, workers: false },
  onByDefault: true,
  defaults: {
    duplicateWindowMs: DEFAULT_DUPLICATE_WINDOW_MS,
    msgIdStrategy: "business-key" as MsgIdStrategyId,
    inactiveThresholdMs: LAB_INACTIVE_THRESHOLD_MS,
  },
  fields: {
    duplicateWindowMs: {
      kind: "number",
      label: "Duplicate window (s)",
      help: "How long the stream remembers a Nats-Msg-Id. Server default: 2 min.",
      unit: "seconds",
      check: (n) =>
        n * 1000 < MIN_DUPLICATE_WINDOW_MS || n * 1000 > DEFAULT_STREAM_MAX_AGE_MS
          ? `The duplicate window must be from ${MIN_DUPLICATE_WINDOW_MS / 1000} s to ${duration(DEFAULT_STREAM_MAX_AGE_MS)} (the stream's max age).`
          : null,
    },
    msgIdStrategy: { kind: "choice", label: "Msg-Id strategy", options: MSG_ID_STRATEGIES },
    inactiveThresholdMs: inactiveThreshold(INACTIVE_HELP),
  },
  summary: (s) => `window ${duration(s.duplicateWindowMs)} · Msg-Id: ${s.msgIdStrategy}`,
  counters: STORED_COUNTERS,
  charts: ["throughput", "duplicates", "latency"],
  faults: [...COMMON_FAULTS, "pause-acks"],
  look: { color: "var(--lane-dedupe)", dash: "3 3", marker: "triangle" },
});
