import { jetstream, jetstreamManager, type JetStreamManager } from "@nats-io/jetstream";
import { headers, nanos, type NatsConnection } from "@nats-io/nats-core";
import { createNamespace } from "./namespace.ts";

/** Exercises get their own area on the shared server: subjects `ex.<pid>.…`, streams `EX_<PID>_…`. */
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
 * The `ctx` participant code receives: their connection, JetStream helpers and names inside their
 * namespace. Participant code cannot import packages (it runs from a Blob URL), so every value it
 * needs from the client library comes through here.
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
    log: deps.log,
    signal: deps.signal,
    sleep: (ms) => abortableSleep(ms, deps.signal),
    headers: () => headers(),
    nanos: (ms) => nanos(ms),
  };
}
