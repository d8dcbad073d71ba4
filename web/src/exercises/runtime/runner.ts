import type { RunnerCommand, RunnerEvent, RunRequest } from "./protocol.ts";

/** After Stop or the time limit, how long the code gets to react to its AbortSignal before the worker is terminated. */
export const STOP_GRACE_MS = 300;
/** Checks get this much beyond the exercise's time limit: they run the code and then query the server. */
export const CHECK_EXTRA_MS = 15_000;

/** Why a run ended, from the page's point of view. */
export type RunEnd =
  | { reason: "done"; ok: boolean; summary: string }
  | { reason: "stopped" }
  | { reason: "timeout"; afterMs: number }
  | { reason: "crashed"; message: string };

export interface RunnerHandlers {
  onEvent: (event: RunnerEvent) => void;
  onEnd: (end: RunEnd) => void;
}

export interface RunnerOptions {
  /**
   * Keep one fresh worker loaded ahead of the next run (made when the runner is created and after each
   * run ends): a Run then skips loading and evaluating the runner's bundle. It never ran any code.
   */
  spare?: boolean;
}

/**
 * The page's side of the exercise runner: a fresh worker per run, terminated when the run ends, on
 * Stop, at the time limit, or when the next run starts, so a `while (true) {}` never freezes the page
 * and a previous run's subscriptions never linger (terminating the worker drops its websocket).
 */
export function createRunner(
  handlers: RunnerHandlers,
  makeWorker: () => Worker = defaultWorker,
  makeChannel: () => MessageChannel = () => new MessageChannel(),
  options: RunnerOptions = {},
) {
  let active: { worker: Worker; port: MessagePort; timers: ReturnType<typeof setTimeout>[]; ending: RunEnd | null } | null = null;
  let spare: Worker | null = options.spare ? makeWorker() : null;
  let disposed = false;
  /** The spare when there is one (a new one is made once this run ends), else a new worker. */
  const takeWorker = (): Worker => {
    const w = spare ?? makeWorker();
    spare = null;
    return w;
  };

  /** Ends the run going (its worker terminated); a new spare loads for the next one. */
  const drop = (): boolean => {
    const run = active;
    if (!run) return false;
    active = null;
    run.timers.forEach(clearTimeout);
    run.worker.terminate();
    run.port.close();
    if (options.spare && !disposed && spare === null) spare = makeWorker();
    return true;
  };
  const finish = (end: RunEnd) => {
    if (drop()) handlers.onEnd(end);
  };

  /** Asks the code to stop (its signal aborts), then terminates the worker after a short grace. */
  const endGracefully = (end: RunEnd, why: string) => {
    const run = active;
    if (!run || run.ending) return;
    run.ending = end;
    run.worker.postMessage({ type: "abort", reason: why } satisfies RunnerCommand);
    run.timers.push(setTimeout(() => finish(end), STOP_GRACE_MS));
  };

  return {
    /** Starts `request` in a new worker; ends any run still going. `limitMs`: when the page steps in. */
    start(request: RunRequest, limitMs: number): void {
      drop();
      const worker = takeWorker();
      // The runner's own events come on a private port handed over with the request. Participant code
      // shares the worker's global scope and can call self.postMessage, so nothing arriving there is
      // believed: a forged "check passed" or "done" never reaches the page.
      const channel = makeChannel();
      const run = { worker, port: channel.port1, timers: [] as ReturnType<typeof setTimeout>[], ending: null as RunEnd | null };
      active = run;
      worker.onmessage = null;
      channel.port1.onmessage = (e: MessageEvent<RunnerEvent>) => {
        if (active !== run) return;
        if (run.ending) {
          // Output still shows; errors do not: the code failing because it was stopped is not its bug.
          if (e.data.type === "log") handlers.onEvent(e.data);
          else if (e.data.type === "done") finish(run.ending);
          return;
        }
        handlers.onEvent(e.data);
        if (e.data.type === "done") finish({ reason: "done", ok: e.data.ok, summary: e.data.summary });
      };
      worker.onerror = (e) => {
        e.preventDefault();
        if (active === run) finish({ reason: "crashed", message: e.message || "The runner could not start." });
      };
      run.timers.push(setTimeout(() => endGracefully({ reason: "timeout", afterMs: limitMs }, "time limit"), limitMs));
      worker.postMessage(request satisfies RunnerCommand, [channel.port2]);
    },
    /** Stop: the code's signal aborts, then the worker is terminated. */
    stop(): void {
      endGracefully({ reason: "stopped" }, "stopped");
    },
    isRunning: (): boolean => active !== null,
    /** Ends the run going, if any, at once and without an ending (a new run is about to start). */
    cancel(): void {
      drop();
    },
    /** Ends everything at once, the spare worker too (leaving the page). */
    dispose(): void {
      disposed = true;
      spare?.terminate();
      spare = null;
      drop();
    },
  };
}

export type Runner = ReturnType<typeof createRunner>;

function defaultWorker(): Worker {
  return new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "exercise-runner" });
}
