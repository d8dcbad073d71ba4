// One line of a lane's message log, as a snapshot carries it.

/** One line of a lane's message log. */
export interface LogEntry {
  at: number;
  subject: string;
  /** "" when the message had no Nats-Msg-Id. */
  msgId: string;
  /** Stream sequence; 0 for core NATS. */
  seq: number;
  deliveryCount: number;
  latencyMs: number;
  /** What the consumer did with it. */
  outcome: "acked" | "skipped" | "nak" | "received";
}
