// The faults a lane can be given, and the figures the page shows about them.

export type Fault =
  | "stop-consumer"
  | "start-consumer"
  | "cut-connection"
  | "pause-acks"
  | "resume-acks"
  | "slow-consumer"
  /** Worker-pool lanes: one more consumer worker, or one fewer. */
  | "add-worker"
  | "remove-worker";

/** The slow-consumer fault lasts this long… */
export const SLOW_CONSUMER_MS = 5_000;
/** …and each message waits this long meanwhile: at most ~100 messages/s get through. */
export const SLOW_HANDLER_MS = 10;

/** The faults every mode has. */
export const COMMON_FAULTS: readonly Fault[] = ["stop-consumer", "cut-connection", "slow-consumer"];
