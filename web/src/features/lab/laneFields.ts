// The lane settings the lab view lets you change, per mode, in the units people think in
// (seconds, percent), with the checks the engine would otherwise fail on at Start.
import type { LaneId, LaneSettings } from "../../lab/protocol.ts";
import { DEFAULT_STREAM_MAX_AGE_MS, MIN_DUPLICATE_WINDOW_MS } from "../../nats/streams.ts";
import { SEED_INACTIVE_THRESHOLD_MS } from "../../lab/defaults.ts";
import { duration } from "./format.ts";

type NumericKey = Exclude<keyof LaneSettings, "msgIdStrategy">;

export interface LaneField {
  key: NumericKey;
  label: string;
  help: string;
  /** Stored value → what the field shows. */
  toField: (v: number) => number;
  /** What was typed → stored value. */
  fromField: (n: number) => number;
  /** Checks what was typed. */
  check: (n: number) => string | null;
}

const seconds = { toField: (v: number) => v / 1000, fromField: (n: number) => Math.round(n * 1000) };
const percentOf = { toField: (v: number) => Math.round(v * 1000) / 10, fromField: (n: number) => n / 100 };

const duplicateWindow: LaneField = {
  key: "duplicateWindowMs",
  label: "Duplicate window (s)",
  help: "How long the stream remembers a Nats-Msg-Id. Server default: 2 min.",
  ...seconds,
  check: (n) =>
    n * 1000 < MIN_DUPLICATE_WINDOW_MS || n * 1000 > DEFAULT_STREAM_MAX_AGE_MS
      ? `The duplicate window must be from ${MIN_DUPLICATE_WINDOW_MS / 1000} s to ${duration(DEFAULT_STREAM_MAX_AGE_MS)} (the stream's max age).`
      : null,
};

const inactive = (help: string): LaneField => ({
  key: "inactiveThresholdMs",
  label: "Inactive threshold (s)",
  help,
  ...seconds,
  check: (n) => (n >= 1 ? null : "The inactive threshold must be at least 1 s."),
});

const ackWait: LaneField = {
  key: "ackWaitMs",
  label: "Ack wait (s)",
  help: "Unacked deliveries come again after this long.",
  ...seconds,
  check: (n) => (n >= 0.1 ? null : "Ack wait must be at least 0.1 s."),
};

const maxDeliver: LaneField = {
  key: "maxDeliver",
  label: "Max deliver",
  help: "Deliveries per message before the server gives up; -1: no limit.",
  toField: (v) => v,
  fromField: (n) => n,
  check: (n) => (n === -1 || (Number.isInteger(n) && n >= 1) ? null : "Max deliver must be -1 (no limit) or a whole number from 1."),
};

const failureRate: LaneField = {
  key: "failureRate",
  label: "Failure rate (%)",
  help: "Share of deliveries the consumer leaves unacked on purpose.",
  ...percentOf,
  check: (n) => (n >= 0 && n <= 100 ? null : "The failure rate must be from 0 % to 100 %."),
};

/** Which settings each mode has (core has none: its subject is only shown). */
export const LANE_FIELDS: Record<LaneId, LaneField[]> = {
  core: [],
  jetstream: [inactive("The consumer is deleted after this long without a client.")],
  dedupe: [duplicateWindow],
  durable: [
    ackWait,
    maxDeliver,
    failureRate,
    inactive(
      `A trap at the seed's ${duration(SEED_INACTIVE_THRESHOLD_MS)}: a consumer stopped longer than this is deleted and replays the stream from the first message.`,
    ),
  ],
};

export const MSG_ID_STRATEGIES: { id: LaneSettings["msgIdStrategy"]; label: string; explain: string }[] = [
  { id: "business-key", label: "Business key (recommended)", explain: "The transaction id: a retry carries the same id and is rejected." },
  { id: "content-hash", label: "Content hash", explain: "A hash of the bytes: identical payloads count as one event." },
  {
    id: "timestamp",
    label: "Timestamp (the seed's mistake)",
    explain: "The seed's mistake: a retry is sent later, gets a new id and is stored twice.",
  },
  { id: "none", label: "None (the seed's defect)", explain: "No Nats-Msg-Id, the seed's actual defect: the stream rejects nothing." },
];

/** A one-line summary of a lane's settings, for the collapsed settings header. */
export function settingsSummary(id: LaneId, s: LaneSettings): string {
  switch (id) {
    case "core":
      return "nothing to set";
    case "jetstream":
      return `inactive ${duration(s.inactiveThresholdMs)}`;
    case "dedupe":
      return `window ${duration(s.duplicateWindowMs)} · Msg-Id: ${s.msgIdStrategy}`;
    case "durable":
      return `ack wait ${duration(s.ackWaitMs)} · max deliver ${s.maxDeliver === -1 ? "∞" : s.maxDeliver} · failures ${percentOf.toField(s.failureRate)} % · inactive ${duration(s.inactiveThresholdMs)}`;
  }
}
