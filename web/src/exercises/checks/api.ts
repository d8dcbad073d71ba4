import type {
  Collector,
  JetStreamClient,
  JetStreamManager,
  NatsConnection,
  PubAck,
  ServerConnection,
  StoredMessage,
  StreamInfo,
} from "../../nats/exercise-checks.ts";
import type { Expect } from "./assert.ts";

// The API an exercise's check.ts is written against. A check suite is one async function: it cleans
// up, starts observers, runs the participant's main, then asserts on the server's real state in
// named checks. Each `t.check` becomes one line in the results: pass, fail, timeout or
// infrastructure error.

/** How the participant's main ended. */
export type MainOutcome =
  | { status: "returned"; value: unknown }
  /**
   * `outside`: not main's own chain but a subscription callback, or a task main started without
   * awaiting it (an unhandled rejection); the run ends with it, as a Node process would.
   */
  | { status: "threw"; message: string; line?: number; outside?: "callback" | "task" }
  | { status: "timeout"; afterMs: number }
  /** The participant's code could not even start: server unreachable, or the module has no main. */
  | { status: "not-started"; message: string; infrastructure: boolean }
  | { status: "connection-lost" }
  /** The check crashed it on purpose (t.crashMain()). */
  | { status: "crashed" };

/** A started participant run. */
export interface MainRun {
  readonly finished: Promise<MainOutcome>;
  /** Kills the run as a crash would; resolves once its connection is gone. */
  crash(): Promise<void>;
  /**
   * The server's view of this run's connection (its subscriptions with their queue groups, messages
   * delivered to each): live while it runs, afterwards as the server saw it just before it closed.
   * Null before it connected, after a crash, or when there is nothing to ask (a plain Run).
   */
  connection(): Promise<ServerConnection | null>;
}

export interface CheckOptions {
  /** Budget for this check; past it the check reports "timeout". */
  timeoutMs?: number;
}

/** `t` in check.ts. Names (`subject`, `stream`) are the participant's, so checks look where their code wrote. */
export interface CheckHarness {
  /** The checker's own connection (separate from the participant's, which closes when main returns). */
  readonly nc: NatsConnection;
  jsm(): Promise<JetStreamManager>;
  js(): JetStreamClient;
  subject(...parts: string[]): string;
  stream(name: string): string;
  /** Starts the participant's main (once; later calls return the same run). */
  startMain(): MainRun;
  /**
   * Kills the running main the way `kill -9` kills a process: its connection is closed at once (not
   * drained: acks it has not sent yet never arrive, so the server redelivers those messages after the
   * consumer's ack wait), then its signal aborts and whatever it does afterwards reaches no one.
   * Resolves when the connection is gone. Nothing happens when main is not running.
   */
  crashMain(): Promise<void>;
  /**
   * Starts main again after crashMain() (or after it ended), like a restarted process: a new module
   * instance, so module-level variables start over too, and a new connection.
   */
  restartMain(): MainRun;
  /** The server's view of the current run's connection (see MainRun.connection). */
  mainConnection(): Promise<ServerConnection | null>;
  /** startMain() and wait for it. */
  runMain(): Promise<MainOutcome>;
  /** What main returned; otherwise throws a failure or timeout that says what happened instead. */
  returned(outcome: MainOutcome): unknown;
  /** Subscribes now and keeps every message delivered on `subject` (what was really published). */
  collect(subject: string): Collector;
  /** The stream's info from the server, or null when it does not exist. */
  streamInfo(name: string): Promise<StreamInfo | null>;
  /** Deletes the stream if it exists: checks start from a clean server. */
  deleteStream(name: string): Promise<void>;
  /** Every message the stream stores, oldest first, with its Nats-Msg-Id. */
  storedMessages(name: string): Promise<StoredMessage[]>;
  /** The checker publishes to JetStream itself (e.g. a late retry, a slow-work header) and gets the server's PubAck. */
  publish(subject: string, data: string, opts?: { msgID?: string; headers?: Record<string, string> }): Promise<PubAck>;
  /** Polls `condition` until true or `timeoutMs` passed; says which. */
  waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean>;
  /** Runs one named check and reports its result; resolves true when it passed. */
  check(name: string, fn: () => unknown, opts?: CheckOptions): Promise<boolean>;
  expect: Expect;
  sleep(ms: number): Promise<void>;
}

/** The default export of every exercises/NN-slug/check.ts. */
export type CheckSuite = (t: CheckHarness) => Promise<void>;
