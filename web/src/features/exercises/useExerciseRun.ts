import { useCallback, useEffect, useRef, useState } from "react";
import { appStore } from "../../app/store.ts";
import { allPassed, type CheckResult } from "../../exercises/checks/classify.ts";
import type { Exercise } from "../../exercises/loader.ts";
import type { LogLevel, RunnerEvent } from "../../exercises/runtime/protocol.ts";
import { CHECK_EXTRA_MS, createRunner, type RunEnd, type Runner } from "../../exercises/runtime/runner.ts";
import { codeSettings } from "../room/slice.ts";
import type { EditorHandle } from "./editor/handle.ts";
import { CRASHED_RUN_MESSAGE, markRunEnded, markRunStarted, takeCrashedRun, type MarkerStorage } from "./runMarker.ts";

/** Lines the console panel keeps (the oldest go first). */
export const MAX_CONSOLE_LINES = 500;
/** Console output is drawn at most this often, however fast the code logs. */
const CONSOLE_FLUSH_MS = 50;
/** The page steps in this long after the worker's own time limit, in case the code blocks the worker. */
const WATCHDOG_MARGIN_MS = 500;

export type ConsoleTone = LogLevel | "system" | "ok";
export interface ConsoleLine {
  id: number;
  tone: ConsoleTone;
  text: string;
}

export type RunMode = "run" | "check";

export interface RunState {
  running: RunMode | null;
  lines: ConsoleLine[];
  results: CheckResult[];
  /** Checks were started at least once (so an empty result list means "none yet", not "none"). */
  checked: boolean;
  /** The last run hit a stream left by an earlier Run with other settings: the page offers the server reset. */
  staleStream: boolean;
}

/** The server's answer when code creates a stream that exists with other settings (an earlier Run's). */
export const STALE_STREAM = /stream name already in use|already exists with a different configuration/i;
export const STALE_STREAM_LINE =
  "That stream is left from an earlier Run, created with other settings, and a stream's settings cannot be changed by creating it again. Press “Reset my server state” (above the editor) to delete this exercise's streams, then Run again.";

function endLine(end: RunEnd, limitSeconds: number): { tone: ConsoleTone; text: string } {
  switch (end.reason) {
    case "done":
      return { tone: end.ok ? "ok" : "system", text: end.summary };
    case "stopped":
      return { tone: "system", text: "Stopped." };
    case "timeout":
      return {
        tone: "error",
        text: `Timeout: stopped after ${limitSeconds} s, this exercise's time limit. An endless loop, or waiting for messages that never arrive?`,
      };
    case "crashed":
      return { tone: "error", text: `The runner stopped unexpectedly: ${end.message}` };
  }
}

/** The tab's sessionStorage, where it can be used (it survives a crashed tab being reloaded). */
function tabStorage(): MarkerStorage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

/** Said when a Run did not wait for the editor's TypeScript (a fresh page's first seconds). */
export const TYPES_NOT_CHECKED_LINE =
  "Types not checked this time: TypeScript is still starting in the editor. Your code runs as it is; type errors are counted from the next Run.";

/** The console's line about type errors: the code runs anyway, as JavaScript would, but the learner is told. */
export function typeErrorLine(count: number, first: { line: number; message: string }): string {
  return `${count} type error${count === 1 ? "" : "s"} (first: line ${first.line}: ${first.message}): running anyway.`;
}

/** Run and Check for one exercise: compile in the editor, run in a fresh worker, stream output here. */
export function useExerciseRun(
  exercise: Exercise,
  editor: () => EditorHandle | null,
  storage: MarkerStorage | undefined = tabStorage(),
  /** False while the projector runs the reference solution: not the seat's own progress. */
  reports: () => boolean = () => true,
) {
  const [state, setState] = useState<RunState>({ running: null, lines: [], results: [], checked: false, staleStream: false });
  const pending = useRef<ConsoleLine[]>([]);
  const flushTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const nextId = useRef(0);
  const mode = useRef<RunMode>("run");
  const results = useRef<CheckResult[]>([]);
  const runner = useRef<Runner | null>(null);
  /** What the run started with, and its first error: for the instructor's view of the seat. */
  const ran = useRef<{ code: string; error?: string }>({ code: "" });

  const flush = useCallback(() => {
    flushTimer.current = undefined;
    const add = pending.current.splice(0);
    setState((s) => ({ ...s, lines: [...s.lines, ...add].slice(-MAX_CONSOLE_LINES), results: [...results.current] }));
  }, []);
  const print = useCallback(
    (tone: ConsoleTone, text: string) => {
      pending.current.push({ id: nextId.current++, tone, text });
      flushTimer.current ??= setTimeout(flush, CONSOLE_FLUSH_MS);
    },
    [flush],
  );

  const onEvent = useCallback(
    (e: RunnerEvent) => {
      if (e.type === "log") print(e.level, e.text);
      else if (e.type === "error") {
        const text = e.line ? `Error on line ${e.line}: ${e.message}` : `Error: ${e.message}`;
        ran.current.error ??= text;
        print("error", text);
        if (STALE_STREAM.test(e.message)) {
          print("system", STALE_STREAM_LINE);
          setState((s) => ({ ...s, staleStream: true }));
        }
        if (e.line) editor()?.showProblems([{ line: e.line, column: e.column, message: e.message }]);
      } else if (e.type === "check") {
        results.current.push(e.result);
        flushTimer.current ??= setTimeout(flush, CONSOLE_FLUSH_MS);
      }
    },
    [print, flush, editor],
  );

  const onEnd = useCallback(
    (end: RunEnd) => {
      markRunEnded(storage);
      const line = endLine(end, exercise.timeLimitSeconds);
      print(line.tone, line.text);
      if (mode.current === "check" && end.reason === "timeout") {
        results.current.push({ name: "All checks finished in time", status: "timeout", message: line.text });
      }
      if (mode.current === "check" && end.reason === "done" && allPassed(results.current)) {
        appStore.getState().markExerciseComplete(exercise.slug, Date.now());
      }
      const ok = end.reason === "done" && end.ok;
      if (reports())
        appStore.getState().reportProgress(
          mode.current === "check"
            ? {
                kind: "check",
                exercise: exercise.slug,
                code: ran.current.code,
                checks: results.current.map((r) => ({ name: r.name, status: r.status, message: r.message })),
              }
            : { kind: "run", exercise: exercise.slug, code: ran.current.code, ok, ...(!ok && { error: ran.current.error ?? line.text }) },
        );
      clearTimeout(flushTimer.current);
      flush();
      setState((s) => ({ ...s, running: null }));
    },
    [exercise, print, flush, storage, reports],
  );

  useEffect(() => {
    // A spare worker loads now, while the learner reads: the first Run does not wait for it.
    const r = createRunner({ onEvent, onEnd }, undefined, undefined, { spare: true });
    runner.current = r;
    // Leaving the page normally (a reload, another site) is not a crash.
    const left = () => markRunEnded(storage);
    addEventListener("pagehide", left);
    // Leaving the exercise ends its run: nothing keeps running (or subscribed) in the background.
    return () => {
      removeEventListener("pagehide", left);
      if (r.isRunning()) markRunEnded(storage);
      r.dispose();
    };
  }, [onEvent, onEnd, storage]);

  useEffect(() => {
    // A run still marked as going: the page died during it (see runMarker.ts).
    if (takeCrashedRun(storage, exercise.slug)) print("error", CRASHED_RUN_MESSAGE);
  }, [exercise.slug, storage, print]);

  const start = useCallback(
    async (which: RunMode) => {
      const handle = editor();
      if (!handle || !runner.current) return;
      runner.current.cancel();
      mode.current = which;
      results.current = [];
      pending.current = [];
      handle.clearProblems();
      setState({ running: which, lines: [], results: [], checked: which === "check" || state.checked, staleStream: false });
      print("system", which === "run" ? "Compiling and running…" : "Compiling and running the checks…");
      const compiled = await handle.compile();
      if (!compiled.ok) {
        for (const p of compiled.problems) print("error", `Syntax error on line ${p.line}: ${p.message}`);
        handle.showProblems(compiled.problems);
        print("system", "Fix the marked line and try again: nothing was run.");
        const first = compiled.problems[0];
        if (reports())
          appStore.getState().reportProgress({
            kind: "run",
            exercise: exercise.slug,
            code: appStore.getState().exerciseProgress[exercise.slug]?.code ?? exercise.starter,
            ok: false,
            error: first ? `Syntax error on line ${first.line}: ${first.message}` : "Syntax error",
          });
        flush();
        setState((s) => ({ ...s, running: null }));
        return;
      }
      const firstType = compiled.typeErrors[0];
      if (firstType) print("warn", typeErrorLine(compiled.typeErrors.length, firstType));
      if (!compiled.typesChecked) print("system", TYPES_NOT_CHECKED_LINE);
      const { settings: pageSettings, pid, seat, exerciseProgress } = appStore.getState();
      ran.current = { code: exerciseProgress[exercise.slug]?.code ?? exercise.starter };
      // In a room, the participant's code runs as the seat's code user: it may not report progress.
      const settings = codeSettings(pageSettings, seat);
      const limitMs = exercise.timeLimitSeconds * 1000;
      markRunStarted(storage, { slug: exercise.slug, at: Date.now() });
      runner.current.start(
        { type: which, slug: exercise.slug, js: compiled.js, sourceMap: compiled.sourceMap, settings, pid, timeLimitMs: limitMs },
        which === "run" ? limitMs + WATCHDOG_MARGIN_MS : limitMs + CHECK_EXTRA_MS,
      );
    },
    [editor, exercise, print, flush, state.checked, storage, reports],
  );

  const stop = useCallback(() => runner.current?.stop(), []);
  /** A line in the console from outside a run (the server reset's outcome). */
  const note = useCallback(
    (tone: ConsoleTone, text: string) => {
      print(tone, text);
      if (tone !== "error") setState((s) => ({ ...s, staleStream: false }));
    },
    [print],
  );
  return { state, run: () => void start("run"), check: () => void start("check"), stop, note };
}
