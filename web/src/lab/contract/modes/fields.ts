// Setting fields more than one mode has, and the figures they start from.
import { DEFAULT_INACTIVE_THRESHOLD_MULTIPLIER, DEFAULT_RECONNECT_WAIT_SECONDS } from "../../../nats/constants.ts";
import { duration } from "../../../shared/format.ts";
import type { NumberSetting } from "./types.ts";

/** The seed's inactive threshold: reconnect wait x 2 = 10 s. */
export const SEED_INACTIVE_THRESHOLD_MS = DEFAULT_RECONNECT_WAIT_SECONDS * DEFAULT_INACTIVE_THRESHOLD_MULTIPLIER * 1000;
/** What the lab uses unless a preset says otherwise: long enough that pausing a consumer is safe. */
export const LAB_INACTIVE_THRESHOLD_MS = 10 * 60 * 1000;

export const inactiveThreshold = (help: string): NumberSetting => ({
  kind: "number",
  label: "Inactive threshold (s)",
  help,
  unit: "seconds",
  check: (n) => (n >= 1 ? null : "The inactive threshold must be at least 1 s."),
});

export const INACTIVE_HELP = "The consumer is deleted after this long without a client.";
export const INACTIVE_TRAP_HELP = `A trap at the seed's ${duration(SEED_INACTIVE_THRESHOLD_MS)}: a consumer stopped longer than this is deleted and replays the stream from the first message.`;

export const ackWait: NumberSetting = {
  kind: "number",
  label: "Ack wait (s)",
  help: "Unacked deliveries come again after this long.",
  unit: "seconds",
  check: (n) => (n >= 0.1 ? null : "Ack wait must be at least 0.1 s."),
};

/** The counters of every mode that stores: all but "lost". */
export const STORED_COUNTERS = [
  "published",
  "stored",
  "delivered",
  "duplicatesRejected",
  "redelivered",
  "pending",
  "publishErrors",
] as const;
