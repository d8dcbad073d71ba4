import {
  AckPolicy,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type JetStreamManager,
  type StreamConfig,
} from "@nats-io/jetstream";
import { nanos } from "@nats-io/nats-core";
import { DEFAULT_INACTIVE_THRESHOLD_MULTIPLIER, DEFAULT_MAX_REQUEST_BATCH, DEFAULT_MAX_REQUEST_MAX_BYTES } from "./constants.ts";
import { explainError, PlaygroundError } from "./errors.ts";
import type { Namespace } from "./namespace.ts";
import { nameProblem, subjectProblem } from "./names.ts";
import type { ConnectionSettings } from "./settings.ts";

/** Abandoned workshop streams vanish after this long without anyone needing to clean up. */
export const DEFAULT_STREAM_MAX_AGE_MS = 2 * 60 * 60 * 1000;
/** nats-server's default duplicate window, and the seed's. */
export const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60 * 1000;
/** The server's floor for a duplicate window. */
export const MIN_DUPLICATE_WINDOW_MS = 100;

export interface StreamSpec {
  name: string;
  subjects: string[];
  storage?: "file" | "memory";
  maxAgeMs?: number;
  /** Deduplication window; only meaningful with Nats-Msg-Id on publish. */
  duplicateWindowMs?: number;
}

/** Checks a stream spec the way the server would, with sentences instead of API error codes. */
export function streamSpecError(spec: StreamSpec): PlaygroundError | null {
  const name = nameProblem(spec.name, "stream name");
  if (name) return new PlaygroundError("invalid-name", name);
  if (spec.subjects.length === 0) return new PlaygroundError("invalid-subject", `Stream ${spec.name} needs at least one subject.`);
  for (const s of spec.subjects) {
    const p = subjectProblem(s, { publish: false });
    if (p) return new PlaygroundError("invalid-subject", p);
  }
  const maxAge = spec.maxAgeMs ?? DEFAULT_STREAM_MAX_AGE_MS;
  if (!Number.isFinite(maxAge) || maxAge <= 0)
    return new PlaygroundError("invalid-setting", "Max age must be a positive number of milliseconds.");
  if (spec.duplicateWindowMs !== undefined) {
    const w = spec.duplicateWindowMs;
    if (!Number.isFinite(w) || w < MIN_DUPLICATE_WINDOW_MS)
      return new PlaygroundError("invalid-setting", `The duplicate window must be at least ${MIN_DUPLICATE_WINDOW_MS} ms.`);
    if (w > maxAge)
      return new PlaygroundError(
        "invalid-setting",
        `The duplicate window (${w / 1000} s) cannot be longer than the stream's max age (${maxAge / 1000} s).`,
      );
  }
  return null;
}

export function streamConfig(spec: StreamSpec): Partial<StreamConfig> & { name: string } {
  const maxAge = spec.maxAgeMs ?? DEFAULT_STREAM_MAX_AGE_MS;
  return {
    name: spec.name,
    subjects: spec.subjects,
    storage: spec.storage === "memory" ? StorageType.Memory : StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: nanos(maxAge),
    duplicate_window: nanos(Math.min(spec.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS, maxAge)),
    num_replicas: 1,
  };
}

/**
 * Creates the stream, or brings an existing one to this spec: calling it twice is harmless. A
 * stream that exists with settings that cannot change (its storage type) is a clear error.
 */
export async function ensureStream(jsm: JetStreamManager, spec: StreamSpec): Promise<void> {
  const problem = streamSpecError(spec);
  if (problem) throw problem;
  const wanted = streamConfig(spec);
  try {
    let existing;
    try {
      existing = await jsm.streams.info(spec.name);
    } catch (err) {
      if ((err as Error).name !== "StreamNotFoundError") throw err;
    }
    if (!existing) {
      await jsm.streams.add(wanted);
      return;
    }
    if (existing.config.storage !== wanted.storage) {
      throw new PlaygroundError(
        "stream-conflict",
        `Stream ${spec.name} already exists with ${existing.config.storage} storage, but ${wanted.storage} storage was asked for. ` +
          "Storage cannot change: reset your namespace (which deletes the stream) or use another name.",
      );
    }
    const { name, storage, ...mutable } = wanted;
    void storage;
    await jsm.streams.update(name, { ...existing.config, ...mutable });
  } catch (err) {
    throw explainError(err);
  }
}

/**
 * The seed's consumer defaults: max request batch 100, max request bytes 1 MiB, max request
 * expires = reconnect wait, inactive threshold = reconnect wait x 2 (10 s with the seed's 5 s).
 */
export function seedConsumerDefaults(settings: Pick<ConnectionSettings, "reconnectWaitSeconds">): Partial<ConsumerConfig> {
  const waitMs = settings.reconnectWaitSeconds * 1000;
  return {
    ack_policy: AckPolicy.Explicit,
    max_batch: DEFAULT_MAX_REQUEST_BATCH,
    max_bytes: DEFAULT_MAX_REQUEST_MAX_BYTES,
    max_expires: nanos(waitMs),
    inactive_threshold: nanos(waitMs * DEFAULT_INACTIVE_THRESHOLD_MULTIPLIER),
  };
}

/** Deletes every stream (and with it every consumer) of this namespace, and nothing else. */
export async function resetNamespace(jsm: JetStreamManager, ns: Namespace): Promise<string[]> {
  const deleted: string[] = [];
  try {
    for await (const name of jsm.streams.names()) {
      if (!name.startsWith(ns.streamPrefix)) continue;
      await jsm.streams.delete(name);
      deleted.push(name);
    }
  } catch (err) {
    throw explainError(err);
  }
  return deleted;
}
