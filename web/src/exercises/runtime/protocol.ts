import type { ConnectionSettings } from "../../nats/settings.ts";
import type { CheckResult } from "../checks/classify.ts";

/** What the page asks the runner worker to do; one request per worker (a fresh worker per run). */
export interface RunRequest {
  type: "run" | "check";
  /** The exercise folder name, e.g. "01-hello-pubsub" (check mode loads its check.ts). */
  slug: string;
  /** The participant's code, compiled to an ES module. */
  js: string;
  /** Source map of `js`, to report errors at the participant's own lines. */
  sourceMap: string | null;
  settings: ConnectionSettings;
  pid: string;
  /** How long main may run. */
  timeLimitMs: number;
}

/** Stop asks the code to end (its AbortSignal fires) just before the page terminates the worker. */
export type RunnerCommand = RunRequest | { type: "abort"; reason: string };

export type LogLevel = "log" | "info" | "warn" | "error";

/** What the worker reports back. */
export type RunnerEvent =
  | { type: "log"; level: LogLevel; text: string }
  /** An error in the participant's code; `line` is in their TypeScript. */
  | { type: "error"; message: string; line?: number; column?: number }
  | { type: "check"; result: CheckResult }
  /** The run or the checks ended; the page terminates the worker. */
  | { type: "done"; summary: string; ok: boolean };
