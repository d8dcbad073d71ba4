import { jetstream, jetstreamManager, type JetStreamManager } from "@nats-io/jetstream";
import { Kvm } from "@nats-io/kv";
import { headers, nanos, type NatsConnection } from "@nats-io/nats-core";
import { createNamespace } from "./namespace.ts";

/** Exercises get their own area on the shared server: subjects `ex.<pid>.…`, streams `EX_<PID>_…`, buckets `EX_<PID>_…` (stored in streams `KV_EX_<PID>_…`). */
export const EXERCISE_AREA = "ex";

/** What the runner supplies around the participant's connection. */
export interface ExerciseContextDeps {
  pid: string;
  log: (...args: unknown[]) => void;
  /** Aborted on Stop or at the time limit. */
  signal: AbortSignal;
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts (so a stopped run does not linger). */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * The `ctx` participant code receives: their connection, JetStream and KV helpers and names inside
 * their namespace. (Value imports of the NATS packages work too: the runner links them to its copies.)
 */
export function createExerciseContext(nc: NatsConnection, deps: ExerciseContextDeps): ExerciseContext {
  const ns = createNamespace(deps.pid, EXERCISE_AREA);
  let jsm: Promise<JetStreamManager> | undefined;
  return {
    nc,
    pid: deps.pid,
    jetstream: () => jetstream(nc),
    // One manager per run: creating it asks the server for account info each time.
    jetstreamManager: () => (jsm ??= jetstreamManager(nc)),
    subject: (...parts) => ns.subject(...parts),
    stream: (name) => ns.stream(name),
    consumer: (name) => ns.consumer(name),
    bucket: (name) => ns.stream(name),
    kvm: () => new Kvm(nc),
    // Opens the bucket, creating it when it does not exist yet (with `opts`).
    kv: (name, opts) => new Kvm(nc).create(ns.stream(name), opts),
    log: deps.log,
    signal: deps.signal,
    sleep: (ms) => abortableSleep(ms, deps.signal),
    headers: () => headers(),
    nanos: (ms) => nanos(ms),
  };
}

/**
 * Catches what a subscription callback on `nc` throws and hands it to `onThrow`. Left alone, a
 * throwing callback ends nats-core's read loop without a word: the connection looks open, nothing
 * more arrives and later requests time out. Every subscription made on `nc` goes through here, also
 * those JetStream makes for the participant's consumers.
 */
export function guardSubscriptionCallbacks(nc: NatsConnection, onThrow: (err: unknown) => void): void {
  const subscribe = nc.subscribe.bind(nc);
  nc.subscribe = (subject, opts) => {
    const callback = opts?.callback;
    if (!callback) return subscribe(subject, opts);
    return subscribe(subject, {
      ...opts,
      callback: (err, msg) => {
        try {
          callback(err, msg);
        } catch (thrown) {
          onThrow(thrown);
        }
      },
    });
  };
}
