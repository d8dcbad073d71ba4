import { openConnection } from "../../nats/connection.ts";
import { explainError } from "../../nats/errors.ts";
import { createExerciseContext, guardSubscriptionCallbacks } from "../../nats/exercise-context.ts";
import { watchOutages } from "../../nats/outages.ts";
import type { ServerConnection } from "../../nats/exercise-checks.ts";
import type { MainOutcome, MainRun } from "../checks/api.ts";
import { connectionLines } from "./connection-lines.ts";
import { formatLogArgs } from "./format.ts";
import type { LogLevel, RunRequest } from "./protocol.ts";
import { locateError, type SourcePosition } from "./stack.ts";

type Main = (ctx: ExerciseContext) => unknown;

/** The participant's compiled module, loaded from a Blob URL (so it can import nothing itself). */
export interface ParticipantModule {
  main: Main;
  url: string;
}

/** How the console starts the error of a subscription callback that threw. */
export const CALLBACK_THREW = "Your subscription callback threw";
/** … and of a task main did not await (an unhandled rejection). */
export const TASK_THREW = "A task your code started without awaiting it threw";

export const NO_MAIN_MESSAGE = "Your code must export its entry point: `export default async function main(ctx: ExerciseContext) { … }`.";

export async function loadParticipantModule(js: string): Promise<ParticipantModule> {
  const url = URL.createObjectURL(new Blob([js], { type: "text/javascript" }));
  const mod = (await import(/* @vite-ignore */ url)) as { default?: unknown };
  if (typeof mod.default !== "function") throw new TypeError(NO_MAIN_MESSAGE);
  return { main: mod.default as Main, url };
}

export interface ParticipantDeps {
  request: RunRequest;
  log: (level: LogLevel, text: string) => void;
  /** An error in the participant's code, at their line when the stack says so. */
  onError: (message: string, position: SourcePosition | null) => void;
  /** Stop / time limit from the page. */
  signal: AbortSignal;
  /** Resolves when the checker's connection drops (check mode): stop waiting for main then. */
  connectionLost?: Promise<void>;
  /** The module's Blob URL, to place errors thrown later (in callbacks) at the participant's lines. */
  onLoaded?: (moduleUrl: string) => void;
  /** Asks the server about a connection of this account (check mode: the checker's connection asks). */
  inspect?: (cid: number) => Promise<ServerConnection | null>;
  /** Loads the compiled module (default: from a Blob URL, in the browser). */
  load?: (js: string) => Promise<ParticipantModule>;
}

/** A deep copy of what main returned, or the value itself when it cannot be copied (a function, a connection). */
function copyOf(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

/** The error's own message, plus the playground's plain explanation when it is a NATS error. */
export function describeThrown(err: unknown): string {
  const own = err instanceof Error ? `${err.name === "Error" ? "" : `${err.name}: `}${err.message}` : String(err);
  const explained = explainError(err);
  return explained.kind === "unknown" || own.includes(explained.message) ? own : `${own} (${explained.message})`;
}

/** A started run, with what the runner's worker needs besides: handing it an error nobody caught. */
export interface ParticipantRun extends MainRun {
  /** An uncaught error (unhandled rejection) while main runs ends the run with it; false when no run is live. */
  uncaught(err: unknown): boolean;
}

/**
 * Runs main(ctx) once, with its own connection, until it returns, throws, hits the time limit or is
 * stopped. The connection closes afterwards, so nothing the code subscribed lingers.
 */
export function startParticipant(deps: ParticipantDeps): ParticipantRun {
  const { request } = deps;
  let crashNow = () => {};
  const crashed = new Promise<MainOutcome>((resolve) => (crashNow = () => resolve({ status: "crashed" })));
  let connection: { close(): Promise<void> } | undefined;
  let cid: number | undefined;
  /** The server's view of the connection, taken just before it closed after a normal ending. */
  let lastSeen: ServerConnection | null = null;
  let closed = false;
  let isCrashed = false;
  /** Ends the run with an error thrown outside main's own chain; a no-op until main is running. */
  let failOutside: (err: unknown, where: "callback" | "task") => void = () => {};
  /** Main is running: an uncaught error in this worker is this run's. */
  let live = false;
  let loaded: ParticipantModule | null = null;
  const finished = (async (): Promise<MainOutcome> => {
    let mod: ParticipantModule;
    try {
      mod = await (deps.load ?? loadParticipantModule)(request.js);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      deps.onError(message, null);
      return { status: "not-started", message, infrastructure: false };
    }
    deps.onLoaded?.(mod.url);
    loaded = mod;
    let nc: Awaited<ReturnType<typeof openConnection>>;
    try {
      nc = await openConnection(request.settings, `exercise ${request.slug}`);
    } catch (err) {
      return { status: "not-started", message: explainError(err).message, infrastructure: true };
    }
    connection = nc;
    cid = nc.info?.client_id;
    // The server forgets a connection once it closes: when the code closes or drains its own, the
    // server's view is taken first, so checks still see what it subscribed and was delivered.
    if (deps.inspect) {
      const inspect = deps.inspect;
      const seenBeforeClosing = async () => {
        if (!closed && !isCrashed && cid !== undefined) lastSeen = await inspect(cid).catch(() => lastSeen);
      };
      const close = nc.close.bind(nc);
      const drain = nc.drain.bind(nc);
      nc.close = async () => (await seenBeforeClosing(), close());
      nc.drain = async () => (await seenBeforeClosing(), drain());
    }
    // The client reconnects by itself; the console says so, so a run that pauses does not look stuck.
    const policy = request.settings;
    const outages = watchOutages(nc, {
      onLost: () => deps.log("warn", connectionLines.lost(policy)),
      onBack: (downMs, server) => deps.log("info", connectionLines.back(downMs, server)),
      // A crash closes the connection on purpose: that is not the client giving up.
      onGaveUp: (downMs) => isCrashed || deps.log("error", connectionLines.gaveUp(downMs, policy)),
      // The code's own ctx.nc.close() or drain() is not news; the server cutting it off is.
      onClosed: (error) => isCrashed || !error || deps.log("error", connectionLines.closedByServer(explainError(error).message)),
    });
    if (isCrashed) {
      outages.dispose();
      await nc.close().catch(() => undefined);
      return { status: "crashed" };
    }
    const ac = new AbortController();
    const onStop = () => ac.abort(deps.signal.reason);
    deps.signal.addEventListener("abort", onStop, { once: true });
    const ctx = createExerciseContext(nc, { pid: request.pid, log: (...args) => deps.log("log", formatLogArgs(args)), signal: ac.signal });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeLimit = new Promise<MainOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ status: "timeout", afterMs: request.timeLimitMs }), request.timeLimitMs);
    });
    const lost = deps.connectionLost?.then((): MainOutcome => ({ status: "connection-lost" })) ?? new Promise<never>(() => {});
    /** The run has ended (returned, timed out, connection lost); later rejections are not reported. */
    let over = false;
    // A callback that throws, or a task main started and did not await that rejects, ends the run with
    // that error at the learner's line, as it would end a Node process: the client library would
    // otherwise stop reading (silently) and every check after it would blame something else.
    let endOutside: (outcome: MainOutcome) => void = () => {};
    const threwOutside = new Promise<MainOutcome>((resolve) => (endOutside = resolve));
    failOutside = (err, where) => {
      if (over || isCrashed) return;
      const position = locateError(err, mod.url, request.sourceMap);
      const message = describeThrown(err);
      deps.onError(`${where === "callback" ? CALLBACK_THREW : TASK_THREW}: ${message}`, position);
      over = true;
      endOutside({ status: "threw", message, line: position?.line, outside: where });
    };
    guardSubscriptionCallbacks(nc, (err) => failOutside(err, "callback"));
    live = true;
    const main = Promise.resolve()
      .then(() => mod.main(ctx))
      .then(
        // A copy as it was when main returned: a loop main left running cannot fill it in afterwards.
        (value): MainOutcome => ({ status: "returned", value: copyOf(value) }),
        (err: unknown): MainOutcome => {
          const position = locateError(err, mod.url, request.sourceMap);
          const message = describeThrown(err);
          // After the time limit its signal aborts and waits reject: that is the ending, not a bug to mark.
          if (!over && !isCrashed) deps.onError(message, position);
          return { status: "threw", message, line: position?.line };
        },
      );
    try {
      const outcome = await Promise.race([main, timeLimit, lost, crashed, threwOutside]);
      // Main failing because its connection was pulled away is the crash, not its own error.
      return isCrashed ? { status: "crashed" } : outcome;
    } finally {
      over = true;
      live = false;
      clearTimeout(timer);
      deps.signal.removeEventListener("abort", onStop);
      ac.abort(new Error("The run has ended."));
      outages.dispose();
      if (!isCrashed && deps.inspect && cid !== undefined && !nc.isClosed())
        lastSeen = (await deps.inspect(cid).catch(() => null)) ?? lastSeen;
      closed = true;
      await nc.close().catch(() => undefined);
    }
  })();
  let crashing: Promise<void> | null = null;
  /** Every call resolves once the crash is complete, the first one's or a later one's. */
  const crash = (): Promise<void> =>
    (crashing ??= (async () => {
      isCrashed = true;
      // The connection goes first, before the signal aborts: code reacting to the abort must not get a
      // last ack or publish out, as a killed process would not.
      await connection?.close().catch(() => undefined);
      crashNow();
      await finished;
    })());
  const inspectNow = async (): Promise<ServerConnection | null> => {
    if (closed || isCrashed || cid === undefined || !deps.inspect) return isCrashed ? null : lastSeen;
    return deps.inspect(cid);
  };
  return {
    finished,
    crash,
    connection: inspectNow,
    uncaught: (err) => {
      // Only the learner's own code ends the run: an error whose stack never passes through it (the
      // client library's) is shown as before and blamed on no one.
      if (!live || !loaded || !locateError(err, loaded.url, request.sourceMap)) return false;
      failOutside(err, "task");
      return true;
    },
  };
}
