import type { NatsConnection } from "@nats-io/nats-core";
import type { LaneMetrics } from "../metrics/index.ts";
import type { Namespace } from "./namespace.ts";
import type { PlaygroundError } from "./errors.ts";
import type { ConnectionSettings } from "./settings.ts";

/** The seed's four client styles. "durable" is the seed's "Streaming" (NATS Streaming is end-of-life). */
export type Mode = "simple" | "jetstream" | "dedupe" | "durable";

/**
 * One config type for every mode: the seed's connection settings (NATS_URL → servers, NATS_TOKEN →
 * token (deprecated), NATS_CREDS → creds, max reconnects, reconnect wait) plus where its names live.
 */
export interface ProcessorConfig {
  connection: ConnectionSettings;
  /** The participant's namespace: every subject, stream and consumer name is made inside it. */
  namespace: Namespace;
  /** The processor's own name inside the namespace (e.g. the lane: "core", "js", "dedupe", "durable"). */
  name: string;
  /** Counters, rates and latency; optional so plain library use pays nothing. */
  metrics?: LaneMetrics;
  /** Clock in epoch ms, passed in so tests and the worker control it. */
  now?: () => number;
  /** Connection name shown in the server's /connz. */
  clientName?: string;
}

export interface PublishOptions {
  /** Overrides the mode's Nats-Msg-Id strategy (dedupe) or sets one (jetstream). */
  msgId?: string;
  /** An aborted signal fails the publish before it is sent (the seed's cancelled context). */
  signal?: AbortSignal;
  /** How long to wait for a PubAck (JetStream modes). */
  timeoutMs?: number;
}

export interface PublishResult {
  /** Stream sequence from the PubAck (JetStream modes). */
  seq?: number;
  /** PubAck said duplicate: nothing was stored (dedupe). */
  duplicate: boolean;
  /** The Nats-Msg-Id sent, if any. */
  msgId?: string;
}

/** One message handed to a consumer's handler. */
export interface Delivery {
  subject: string;
  data: Uint8Array;
  msgId?: string;
  /** Stream sequence (JetStream modes). */
  seq?: number;
  /** 1 on first delivery; more on redeliveries. */
  deliveryCount: number;
  /** From the Playground-Sent-At header; NaN when absent. */
  latencyMs: number;
}

/**
 * The handler's verdict: "ack" (processed), "nak" (redeliver now or after `delayMs`), "skip" (leave it
 * unacked: redelivered after ack wait), "term" (never redeliver). Returning nothing means "ack";
 * throwing means "nak". Core NATS has no acks and ignores the verdict.
 */
export type Verdict = void | "ack" | "skip" | "term" | { nak: number };

export type DeliveryHandler = (d: Delivery) => Verdict | Promise<Verdict>;

/** A running subscription or consume loop; stop() ends it without deleting a durable consumer. */
export interface ConsumerHandle {
  stop(): Promise<void>;
  /** Resolves when the loop ended on its own (consumer deleted, connection closed), with the reason. */
  readonly ended: Promise<PlaygroundError | null>;
}

/** The seed's EventProcessor (publish, close), plus consume and what the lab needs to break things. */
export interface EventProcessor {
  readonly mode: Mode;
  /** The subject this processor publishes to by default. */
  readonly subject: string;
  /** Publish one message; resolves when the mode's guarantee holds (core: flushed to the socket; JetStream: PubAck). */
  publish(data: Uint8Array, opts?: PublishOptions): Promise<PublishResult>;
  /** Start receiving; only one consumer per processor at a time. */
  consume(handler: DeliveryHandler): Promise<ConsumerHandle>;
  /** The processor's connection (the lab cuts it to show reconnects). */
  readonly connection: NatsConnection;
  /** Drain and close the connection. Durable server-side state is kept. */
  close(): Promise<void>;
}
