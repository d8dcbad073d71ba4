/// <reference lib="webworker" />
// The exercise runner: one fresh worker per Run or Check, terminated by the page afterwards. An endless
// loop here blocks only this thread, and terminating it drops its websocket, so nothing lingers.
import { openConnection } from "../../nats/connection.ts";
import { installImportableModules } from "../../nats/exercise-modules.ts";
import { serverConnection, type NatsConnection } from "../../nats/exercise-checks.ts";
import type { CheckSuite } from "../checks/api.ts";
import { show } from "../checks/assert.ts";
import { allPassed, type CheckResult } from "../checks/classify.ts";
import { runCheckSuite } from "../checks/run-suite.ts";
import { formatLogArgs } from "./format.ts";
import { describeThrown, startParticipant, type ParticipantDeps, type ParticipantRun } from "./participant.ts";
import type { LogLevel, RunnerCommand, RunnerEvent, RunRequest } from "./protocol.ts";
import { locateError } from "./stack.ts";

declare const self: DedicatedWorkerGlobalScope;

/** Lines one run may print; an endless logging loop would otherwise flood the page. */
const MAX_LOG_LINES = 1_000;

const suites = import.meta.glob<{ default: CheckSuite }>("../../../../exercises/*/check.ts");
/**
 * The page believes only this port (handed over with the request), bound before participant code
 * loads: that code shares this global scope and may call self.postMessage or patch prototypes, but
 * it never sees the port, so it cannot post a check result or an ending.
 */
let send: ((event: RunnerEvent) => void) | null = null;
const post = (event: RunnerEvent) => send?.(event);
// Participant code's linked imports of the NATS packages read these copies.
installImportableModules();
const stop = new AbortController();

let logged = 0;
function log(level: LogLevel, text: string): void {
  logged++;
  if (logged <= MAX_LOG_LINES) post({ type: "log", level, text });
  else if (logged === MAX_LOG_LINES + 1)
    post({ type: "log", level: "warn", text: `… more output suppressed (over ${MAX_LOG_LINES} lines).` });
}

// console.* in participant code goes to the console panel like ctx.log.
for (const level of ["log", "info", "warn", "error"] as const) console[level] = (...args: unknown[]) => log(level, formatLogArgs(args));
// Errors outside main's promise chain (a task main did not await): they end the live run with the
// error at its line; between runs they are still shown.
let onUncaught: (err: unknown) => void = (err) => post({ type: "error", message: describeThrown(err) });
/** The run started last (a check may restart main): the one an uncaught error belongs to. */
let current: ParticipantRun | null = null;
const track = (r: ParticipantRun): ParticipantRun => (current = r);
self.addEventListener("error", (e) => {
  e.preventDefault();
  if (!current?.uncaught(e.error ?? e.message)) onUncaught(e.error ?? e.message);
});
self.addEventListener("unhandledrejection", (e) => {
  e.preventDefault();
  if (!current?.uncaught(e.reason)) onUncaught(e.reason);
});

function participantDeps(req: RunRequest, connectionLost?: Promise<void>, checker?: NatsConnection): ParticipantDeps {
  return {
    ...(checker && { inspect: (cid: number) => serverConnection(checker, cid) }),
    request: req,
    log,
    signal: stop.signal,
    connectionLost,
    onError: (message, position) => post({ type: "error", message, line: position?.line, column: position?.column }),
    onLoaded: (url) => {
      onUncaught = (err) => {
        const position = locateError(err, url, req.sourceMap);
        post({ type: "error", message: describeThrown(err), line: position?.line, column: position?.column });
      };
    },
  };
}

async function run(req: RunRequest): Promise<void> {
  const handle = track(startParticipant(participantDeps(req)));
  const outcome = await handle.finished;
  switch (outcome.status) {
    case "returned":
      return post({
        type: "done",
        ok: true,
        summary: outcome.value === undefined ? "Finished." : `Finished: main returned ${show(outcome.value)}.`,
      });
    case "threw":
      return post({ type: "done", ok: false, summary: `Ended with an error${outcome.line ? ` on line ${outcome.line}` : ""}.` });
    case "timeout":
      return post({ type: "done", ok: false, summary: `Stopped at the time limit (${req.timeLimitMs / 1000} s): timeout.` });
    case "not-started":
      return post({ type: "done", ok: false, summary: outcome.message });
    case "connection-lost":
      return post({ type: "done", ok: false, summary: "The connection to the server was lost." });
    case "crashed":
      return post({ type: "done", ok: false, summary: "The run was crashed." });
  }
}

async function check(req: RunRequest): Promise<void> {
  const results: CheckResult[] = [];
  const report = (result: CheckResult) => {
    results.push(result);
    post({ type: "check", result });
  };
  const load = suites[`../../../../exercises/${req.slug}/check.ts`];
  if (!load) return post({ type: "done", ok: false, summary: `Exercise ${req.slug} has no checks.` });
  const suite = (await load()).default;
  await runCheckSuite({
    suite,
    pid: req.pid,
    connect: () => openConnection(req.settings, `exercise-check ${req.slug}`),
    startMain: (checker, connectionLost) => track(startParticipant(participantDeps(req, connectionLost, checker))),
    report,
  });
  if (results.length === 1 && results[0]?.name === "Connect to the server")
    return post({ type: "done", ok: false, summary: "Could not reach the server to run the checks." });
  const passed = results.filter((r) => r.status === "pass").length;
  post({ type: "done", ok: allPassed(results), summary: `${passed} of ${results.length} checks passed.` });
}

self.onmessage = (e: MessageEvent<RunnerCommand>) => {
  const cmd = e.data;
  if (cmd.type === "abort") return stop.abort(new Error(cmd.reason));
  const port = e.ports[0];
  if (!port || send) return; // one request per worker, always with its port
  send = MessagePort.prototype.postMessage.bind(port) as (event: RunnerEvent) => void;
  const work = cmd.type === "run" ? run(cmd) : check(cmd);
  work.catch((err: unknown) =>
    post({ type: "done", ok: false, summary: `The runner failed: ${err instanceof Error ? err.message : String(err)}` }),
  );
};
