import { createNamespace } from "../../nats/namespace.ts";
import {
  checkerJetStream,
  checkerJetStreamManager,
  collectMessages,
  publishChecked,
  deleteStreamIfExists,
  storedMessages,
  streamInfoOrNull,
  type JetStreamManager,
  type NatsConnection,
} from "../../nats/exercise-checks.ts";
import { EXERCISE_AREA } from "../../nats/exercise-context.ts";
import type { CheckHarness, MainOutcome, MainRun } from "./api.ts";
import { AssertionError, CheckTimeoutError, expect } from "./assert.ts";
import { classifyCheckError, CONNECTION_LOST_MESSAGE, type CheckResult } from "./classify.ts";

/** Budget of one check unless it asks for another. */
export const DEFAULT_CHECK_TIMEOUT_MS = 5_000;
/** How often waitFor() looks again. */
const POLL_INTERVAL_MS = 25;

export interface HarnessDeps {
  nc: NatsConnection;
  pid: string;
  /** Starts the participant's main with its own connection. */
  startMain: () => MainRun;
  report: (result: CheckResult) => void;
  /** Whether the checker's connection dropped: every result after that is an infrastructure error. */
  connectionLost: () => boolean;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Rejects with a CheckTimeoutError when `work` takes longer than `ms`. */
async function within<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new CheckTimeoutError(message)), ms)));
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a run that threw did, in the words a check result shows. */
function threwSentence(outcome: Extract<MainOutcome, { status: "threw" }>): string {
  const at = outcome.line ? ` at line ${outcome.line}` : "";
  const ended = "The run ended there, so this check could not see what it looks for.";
  if (outcome.outside === "callback") return `Your subscription callback threw${at}: ${outcome.message}. ${ended}`;
  if (outcome.outside === "task")
    return `Your code threw${at}, in a loop or task main started without awaiting it: ${outcome.message}. ${ended}`;
  return `Your code threw an error${outcome.line ? ` on line ${outcome.line}` : ""}: ${outcome.message}`;
}

/** What main returned, or the reason there is nothing to look at, as a failure, timeout or lost connection. */
export function returnedValue(outcome: MainOutcome): unknown {
  switch (outcome.status) {
    case "returned":
      return outcome.value;
    case "threw":
      throw new AssertionError(threwSentence(outcome));
    case "timeout":
      throw new CheckTimeoutError(
        `Your code did not finish within ${outcome.afterMs / 1000} s. Is it waiting for messages that never arrive (subscribed after publishing?), or stuck in a loop?`,
      );
    case "not-started":
      if (outcome.infrastructure) throw new Error(outcome.message);
      throw new AssertionError(outcome.message);
    case "connection-lost":
      throw new Error(CONNECTION_LOST_MESSAGE);
    case "crashed":
      throw new AssertionError("The check crashed this run on purpose; what main returns after t.restartMain() is the one to look at.");
  }
}

/** Builds `t` for a check suite. */
export function createHarness(deps: HarnessDeps): CheckHarness {
  const ns = createNamespace(deps.pid, EXERCISE_AREA);
  let jsm: Promise<JetStreamManager> | undefined;
  let run: MainRun | undefined;
  /** A run whose callback (or un-awaited task) threw: a check failing after that says so instead of its own verdict. */
  let callbackThrow: Extract<MainOutcome, { status: "threw" }> | null = null;
  const watch = (r: MainRun): MainRun => {
    void r.finished.then((o) => {
      if (o.status === "threw" && o.outside) callbackThrow ??= o;
    });
    return r;
  };
  const manager = () => (jsm ??= checkerJetStreamManager(deps.nc));
  const t: CheckHarness = {
    nc: deps.nc,
    jsm: manager,
    js: () => checkerJetStream(deps.nc),
    subject: (...parts) => ns.subject(...parts),
    stream: (name) => ns.stream(name),
    startMain: () => (run ??= watch(deps.startMain())),
    crashMain: async () => run?.crash(),
    restartMain: () => {
      // A second main beside one still running would share its consumer: the old one goes first.
      const started = (run?.crash() ?? Promise.resolve()).then(() => watch(deps.startMain()));
      run = {
        finished: started.then((r) => r.finished),
        crash: () => started.then((r) => r.crash()),
        connection: () => started.then((r) => r.connection()),
      };
      return run;
    },
    mainConnection: async () => (run ? run.connection() : null),
    runMain: () => t.startMain().finished,
    returned: returnedValue,
    collect: (subject) => collectMessages(deps.nc, subject),
    streamInfo: async (name) => streamInfoOrNull(await manager(), name),
    deleteStream: async (name) => void (await deleteStreamIfExists(await manager(), name)),
    storedMessages: async (name) => storedMessages(await manager(), name),
    publish: (subject, data, opts = {}) => publishChecked(checkerJetStream(deps.nc), subject, data, opts),
    waitFor: async (condition, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (!condition()) {
        if (Date.now() >= deadline || deps.connectionLost()) return false;
        await sleep(POLL_INTERVAL_MS);
      }
      return true;
    },
    check: async (name, fn, opts = {}) => {
      if (deps.connectionLost()) {
        deps.report({ name, status: "infrastructure", message: CONNECTION_LOST_MESSAGE });
        return false;
      }
      const ms = opts.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
      try {
        await within(Promise.resolve().then(fn), ms, `This check did not finish within ${ms / 1000} s.`);
        // A check that "passed" on a dying connection proves nothing.
        if (deps.connectionLost()) throw new Error(CONNECTION_LOST_MESSAGE);
        deps.report({ name, status: "pass" });
        return true;
      } catch (err) {
        const result = classifyCheckError(name, err, { connectionLost: deps.connectionLost() });
        // The learner's callback threw: that is what to fix, not whatever this check then missed.
        if (callbackThrow && (result.status === "fail" || result.status === "timeout"))
          deps.report({ name, status: "fail", message: threwSentence(callbackThrow) });
        else deps.report(result);
        return false;
      }
    },
    expect,
    sleep,
  };
  return t;
}
