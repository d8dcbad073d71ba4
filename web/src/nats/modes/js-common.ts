// Parts every JetStream mode shares (jetstream, dedupe, durable): names, stream + durable pull consumer, publish with headers.
import {
  AckPolicy,
  DeliverPolicy,
  type ConsumerConfig,
  type ConsumerInfo,
  type JetStreamClient,
  type JetStreamManager,
  type PubAck,
} from "@nats-io/jetstream";
import { millis, nanos, type NatsConnection } from "@nats-io/nats-core";
import type { LaneMetrics } from "../../metrics/index.ts";
import { openJetStream, type JetStreamClients } from "../client.ts";
import { DEFAULT_MAX_REQUEST_BATCH } from "../constants.ts";
import { explainError, payloadTooLargeError, PlaygroundError } from "../errors.ts";
import { nameProblem, subjectProblem } from "../names.ts";
import type { ProcessorConfig, PublishOptions, PublishResult } from "../processor.ts";
import { ensureStream, seedConsumerDefaults, streamSpecError, type StreamSpec } from "../streams.ts";
import { playgroundHeaders } from "./simple.ts";

/** The client refuses pull requests that expire sooner than this. */
export const MIN_PULL_EXPIRES_MS = 1_000;

/** Where a JetStream processor publishes and what it consumes from. */
export interface JetStreamTarget {
  subject: string;
  stream: string;
  durable: string;
}

/** Overrides of the seed's consumer defaults (seedConsumerDefaults). */
export interface ConsumerOverrides {
  /** Most messages one pull request may ask for (seed: 100). */
  maxRequestBatch?: number;
  /** Most bytes one pull request may ask for (seed: 1 MiB). */
  maxRequestMaxBytes?: number;
  /** Longest a pull request may wait (seed: the reconnect wait). At least MIN_PULL_EXPIRES_MS. */
  maxRequestExpiresMs?: number;
  /** The server deletes the consumer after this long without a client (seed: reconnect wait x 2). */
  inactiveThresholdMs?: number;
}

/** Options of the jetstream mode; dedupe and durable take them too. */
export interface JetStreamModeOptions {
  /** Default `namespace.subject(name, "events")`. */
  subject?: string;
  /** Default `namespace.stream(name)`. */
  stream?: string;
  /** Default "file": survives a server restart. */
  storage?: "file" | "memory";
  /** Default DEFAULT_STREAM_MAX_AGE_MS. */
  maxAgeMs?: number;
  /** Durable consumer name; default `namespace.consumer(name)`. */
  durable?: string;
  consumer?: ConsumerOverrides;
}

/** Names from the options or the namespace defaults, checked before anything reaches the server. */
export function resolveTarget(cfg: ProcessorConfig, opts: Pick<JetStreamModeOptions, "subject" | "stream" | "durable">): JetStreamTarget {
  const subject = opts.subject ?? cfg.namespace.subject(cfg.name, "events");
  const subjectIssue = subjectProblem(subject, { publish: true });
  if (subjectIssue) throw new PlaygroundError("invalid-subject", subjectIssue);
  const stream = opts.stream ?? cfg.namespace.stream(cfg.name);
  const durable = opts.durable ?? cfg.namespace.consumer(cfg.name);
  const nameIssue = nameProblem(stream, "stream name") ?? nameProblem(durable, "durable consumer name");
  if (nameIssue) throw new PlaygroundError("invalid-name", nameIssue);
  return { subject, stream, durable };
}

/** A durable pull consumer with explicit ack: the seed's defaults, then the overrides. */
export function pullConsumerConfig(
  cfg: ProcessorConfig,
  durable: string,
  overrides: ConsumerOverrides = {},
): Partial<ConsumerConfig> & { durable_name: string } {
  const o = overrides;
  if (o.maxRequestExpiresMs !== undefined && !(o.maxRequestExpiresMs >= MIN_PULL_EXPIRES_MS)) {
    throw new PlaygroundError("invalid-setting", `The pull request expiry must be at least ${MIN_PULL_EXPIRES_MS} ms.`);
  }
  return {
    ...seedConsumerDefaults(cfg.connection),
    ...(o.maxRequestBatch !== undefined && { max_batch: o.maxRequestBatch }),
    ...(o.maxRequestMaxBytes !== undefined && { max_bytes: o.maxRequestMaxBytes }),
    ...(o.maxRequestExpiresMs !== undefined && { max_expires: nanos(o.maxRequestExpiresMs) }),
    ...(o.inactiveThresholdMs !== undefined && { inactive_threshold: nanos(o.inactiveThresholdMs) }),
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
  };
}

/** The durable consumer as the server sees it, and whether this call created it. */
export interface EnsuredConsumer {
  info: ConsumerInfo;
  /**
   * No such consumer existed, so it was created: it starts over from the stream's first message
   * (deliver policy All). Otherwise it kept its position (its ack floor).
   */
  created: boolean;
}

/**
 * Creates the durable consumer, or updates the settings a consumer may change: calling it twice is
 * harmless. Works on 2.9 (no create-or-update action) and 2.10+. Returns the server's view, and
 * whether the consumer had to be created (a deleted one comes back starting over).
 */
export async function ensureConsumer(
  jsm: JetStreamManager,
  stream: string,
  config: Partial<ConsumerConfig> & { durable_name: string },
): Promise<EnsuredConsumer> {
  try {
    try {
      await jsm.consumers.info(stream, config.durable_name);
    } catch (err) {
      if ((err as Error).name !== "ConsumerNotFoundError") throw err;
      return { info: await jsm.consumers.add(stream, config), created: true };
    }
    const { max_batch, max_bytes, max_expires, inactive_threshold, ack_wait, max_deliver, backoff, max_ack_pending } = config;
    const info = await jsm.consumers.update(stream, config.durable_name, {
      max_batch,
      max_bytes,
      max_expires,
      inactive_threshold,
      ack_wait,
      max_deliver,
      backoff,
      max_ack_pending,
    });
    return { info, created: false };
  } catch (err) {
    throw explainError(err);
  }
}

/** Pull sizes a consume loop may use without the server refusing the request. */
export function pullLimits(info: ConsumerInfo, fallbackExpiresMs: number): { maxMessages: number; expiresMs: number } {
  const batch = info.config.max_batch ?? 0;
  const maxExpires = info.config.max_expires ? millis(info.config.max_expires) : 0;
  return {
    maxMessages: batch > 0 ? Math.min(batch, DEFAULT_MAX_REQUEST_BATCH) : DEFAULT_MAX_REQUEST_BATCH,
    expiresMs: Math.max(MIN_PULL_EXPIRES_MS, maxExpires > 0 ? maxExpires : fallbackExpiresMs),
  };
}

/** An open connection with its stream and durable consumer in place. */
export interface OpenedJetStream extends JetStreamClients {
  consumer: ConsumerInfo;
  /** Opening created the durable consumer (none existed): it starts from the stream's first message. */
  consumerCreated: boolean;
}

/**
 * Connects, creates-or-updates the stream and the durable consumer. The spec is checked before
 * connecting; on any failure the connection is closed again and a PlaygroundError is thrown.
 */
export async function openStreamAndConsumer(
  cfg: ProcessorConfig,
  spec: StreamSpec,
  consumer: Partial<ConsumerConfig> & { durable_name: string },
): Promise<OpenedJetStream> {
  const problem = streamSpecError(spec);
  if (problem) throw problem;
  const clients = await openJetStream(cfg);
  try {
    await ensureStream(clients.jsm, spec);
    const { info, created } = await ensureConsumer(clients.jsm, spec.name, consumer);
    return { ...clients, consumer: info, consumerCreated: created };
  } catch (err) {
    await clients.nc.close().catch(() => undefined);
    throw explainError(err);
  }
}

/** Chooses the Nats-Msg-Id for a payload (the dedupe strategies); undefined sends none. */
export type MsgIdFor = (data: Uint8Array, nowMs: number) => string | undefined;

export interface PublisherDeps {
  nc: NatsConnection;
  js: JetStreamClient;
  subject: string;
  now: () => number;
  metrics?: LaneMetrics;
  msgIdFor?: MsgIdFor;
}

/** The PubAck, unless the signal fires first; the listener is removed either way so a long-lived signal collects none. */
function raceAbort<T>(acked: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return acked;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(
        new PlaygroundError(
          "aborted",
          "Cancelled while waiting for the server's acknowledgement: the message was already sent and may have been stored.",
          "aborted after send",
        ),
      );
    signal.addEventListener("abort", onAbort, { once: true });
    acked.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function publishError(err: unknown, subject: string): PlaygroundError {
  // The stream existed when the processor opened, so "no responders" now means it was deleted.
  if ((err as Error | undefined)?.name === "JetStreamNotEnabled") {
    return new PlaygroundError(
      "unknown",
      `No stream stores ${subject} any more: it was deleted (a namespace reset removes it). Open the processor again to recreate it.`,
      (err as Error).message,
    );
  }
  return explainError(err);
}

/**
 * JetStream publish with PubAck: a Playground-Sent-At header for latency, a Nats-Msg-Id from the
 * options or the strategy, the metrics counted. `published` counts what went out on the wire; an
 * oversized payload or an already-aborted signal fails before anything is sent.
 */
export function createPublisher(deps: PublisherDeps): (data: Uint8Array, opts?: PublishOptions) => Promise<PublishResult> {
  const { nc, js, subject, now, metrics, msgIdFor } = deps;
  // Not async, no await: one promise chain per publish on top of the client's own (its PubAck).
  return (data, opts) => {
    const sentAt = now();
    const max = nc.info?.max_payload ?? Infinity;
    const signal = opts?.signal;
    if (signal?.aborted || data.length > max) {
      metrics?.onPublishError();
      return Promise.reject(signal?.aborted ? explainError(new Error("aborted")) : payloadTooLargeError(data.length, max));
    }
    const msgId = opts?.msgId ?? msgIdFor?.(data, sentAt);
    let acked: Promise<PubAck>;
    try {
      // The Nats-Msg-Id goes in with the headers (what the client's msgID option does, without its set()).
      acked = js.publish(subject, data, { headers: playgroundHeaders(String(sentAt), msgId), timeout: opts?.timeoutMs });
    } catch (err) {
      acked = Promise.reject(err);
    }
    return raceAbort(acked, signal).then(
      (ack): PublishResult => {
        metrics?.onPublished(sentAt);
        metrics?.onPublishAck(now(), ack.duplicate);
        return { seq: ack.seq, duplicate: ack.duplicate, msgId };
      },
      (err: unknown): never => {
        const e = publishError(err, subject);
        // Headers can still push a payload just under the limit over it: then nothing went out either.
        if (e.kind !== "payload-too-large") metrics?.onPublished(sentAt);
        metrics?.onPublishError();
        throw e;
      },
    );
  };
}
