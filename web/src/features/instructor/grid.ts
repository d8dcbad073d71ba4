// The instructor's picture of the room, built only from the seats' progress events (replayed from the
// instructor's stream after a refresh, then live). Pure: events in, rows out, no clock of its own.
import type { CheckLine, ProgressEnvelope } from "../../room/contract.ts";

export type CellStatus = "not-started" | "working" | "failing" | "passed";

export interface ExerciseCell {
  status: CellStatus;
  /** The check that failed last (failing only). */
  failing?: string;
  openedAt: number;
  runs: number;
  checks: number;
  /** The same check failed this many times in a row. */
  sameFailure: number;
  lastError?: string;
  /** The same error, this many times in a row. */
  sameError: number;
  passedAt?: number;
}

export interface SeatRow {
  seat: string;
  name: string;
  /** The exercise open now, and since when. */
  current?: string;
  currentSince?: number;
  exercises: Record<string, ExerciseCell>;
  /** Raised at this time; undefined when the hand is down. */
  handRaisedAt?: number;
  active: boolean;
  lastAt: number;
  lastError?: string;
  lastCode?: { exercise: string; code: string; at: number };
  lastChecks?: { exercise: string; checks: CheckLine[]; at: number };
  lastPreset?: string;
}

export type Grid = Record<string, SeatRow>;

export interface StuckThresholds {
  /** The same check failing this many times in a row. */
  sameCheckFailures: number;
  /** This many minutes on one exercise without a pass. */
  minutesWithoutPass: number;
  /** The same error this many times in a row. */
  sameErrors: number;
}

export const DEFAULT_THRESHOLDS: StuckThresholds = { sameCheckFailures: 3, minutesWithoutPass: 10, sameErrors: 3 };

const emptyCell = (at: number): ExerciseCell => ({ status: "working", openedAt: at, runs: 0, checks: 0, sameFailure: 0, sameError: 0 });

/** progress.seat-07.run → "seat-07". */
export const seatOfSubject = (subject: string): string | null => /^progress\.([^.]+)\./.exec(subject)?.[1] ?? null;

function noteError(cell: ExerciseCell, error: string | undefined): ExerciseCell {
  if (!error) return { ...cell, sameError: 0 };
  return { ...cell, lastError: error, sameError: cell.lastError === error ? cell.sameError + 1 : 1 };
}

/** The grid after one event (a new grid; the old one is untouched). */
export function applyEvent(grid: Grid, subject: string, e: ProgressEnvelope): Grid {
  const seat = seatOfSubject(subject);
  if (!seat) return grid;
  const row: SeatRow = grid[seat] ?? { seat, name: e.name, exercises: {}, active: true, lastAt: e.at };
  const next: SeatRow = { ...row, name: e.name || row.name, lastAt: Math.max(row.lastAt, e.at), exercises: { ...row.exercises } };
  const cell = (slug: string) => next.exercises[slug] ?? emptyCell(e.at);
  switch (e.kind) {
    case "opened":
      next.current = e.exercise;
      next.currentSince = e.at;
      next.exercises[e.exercise] = cell(e.exercise);
      break;
    case "run": {
      const c = noteError({ ...cell(e.exercise), runs: cell(e.exercise).runs + 1 }, e.ok ? undefined : e.error);
      next.exercises[e.exercise] = c;
      next.lastCode = { exercise: e.exercise, code: e.code, at: e.at };
      if (!e.ok && e.error) next.lastError = e.error;
      break;
    }
    case "check": {
      const before = cell(e.exercise);
      const failed = e.checks.find((c) => c.status !== "pass");
      const c: ExerciseCell = { ...before, checks: before.checks + 1 };
      if (failed) {
        c.sameFailure = before.failing === failed.name ? before.sameFailure + 1 : 1;
        c.failing = failed.name;
        if (before.status !== "passed") c.status = "failing";
      } else {
        c.status = "passed";
        c.failing = undefined;
        c.sameFailure = 0;
        c.passedAt ??= e.at;
      }
      const error = failed ? `${failed.name}: ${failed.message ?? failed.status}` : undefined;
      next.exercises[e.exercise] = noteError(c, error);
      next.lastCode = { exercise: e.exercise, code: e.code, at: e.at };
      next.lastChecks = { exercise: e.exercise, checks: e.checks, at: e.at };
      if (error) next.lastError = error;
      break;
    }
    case "completed": {
      const c = cell(e.exercise);
      next.exercises[e.exercise] = { ...c, status: "passed", failing: undefined, passedAt: c.passedAt ?? e.at };
      break;
    }
    case "hand":
      next.handRaisedAt = e.raised ? (row.handRaisedAt ?? e.at) : undefined;
      break;
    case "activity":
      next.active = e.active;
      break;
    case "preset":
      next.lastPreset = e.title;
      break;
  }
  return { ...grid, [seat]: next };
}

/** Why a seat looks stuck on the exercise it has open; empty when it does not. */
export function stuckReasons(row: SeatRow, now: number, t: StuckThresholds): string[] {
  const slug = row.current;
  const cell = slug ? row.exercises[slug] : undefined;
  if (!slug || !cell || cell.status === "passed") return [];
  const out: string[] = [];
  if (cell.failing && cell.sameFailure >= t.sameCheckFailures) out.push(`"${cell.failing}" failed ${cell.sameFailure} times in a row`);
  const minutes = (now - (row.currentSince ?? cell.openedAt)) / 60_000;
  if (minutes >= t.minutesWithoutPass) out.push(`${Math.floor(minutes)} min on ${slug} without a pass`);
  if (cell.lastError && cell.sameError >= t.sameErrors) out.push(`the same error ${cell.sameError} times`);
  return out;
}

export interface RankedRow {
  row: SeatRow;
  stuck: string[];
}

/** Stuck seats first (longest stuck first), then raised hands (oldest first), then by seat. */
export function rankSeats(grid: Grid, now: number, t: StuckThresholds): RankedRow[] {
  return Object.values(grid)
    .map((row) => ({ row, stuck: stuckReasons(row, now, t) }))
    .sort((a, b) => {
      const sa = a.stuck.length > 0 ? 0 : 1;
      const sb = b.stuck.length > 0 ? 0 : 1;
      if (sa !== sb) return sa - sb;
      const ha = a.row.handRaisedAt ?? Infinity;
      const hb = b.row.handRaisedAt ?? Infinity;
      if (ha !== hb) return ha - hb;
      return a.row.seat.localeCompare(b.row.seat, "en", { numeric: true });
    });
}

/** Raised hands, in the order they went up. */
export const raisedHands = (grid: Grid): SeatRow[] =>
  Object.values(grid)
    .filter((r) => r.handRaisedAt !== undefined)
    .sort((a, b) => (a.handRaisedAt ?? 0) - (b.handRaisedAt ?? 0));

const csvCell = (v: string | number | undefined) => {
  const s = v === undefined ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One line per seat: seat, name, current exercise, minutes on it, stuck, then each exercise's status. */
export function gridCsv(grid: Grid, exercises: string[], now: number, t: StuckThresholds): string {
  const head = ["seat", "name", "current", "minutes on current", "runs", "checks", "stuck", "last error", ...exercises];
  const rows = rankSeats(grid, now, t).map(({ row, stuck }) => {
    const cells = Object.values(row.exercises);
    return [
      row.seat,
      row.name,
      row.current,
      row.currentSince === undefined ? "" : Math.floor((now - row.currentSince) / 60_000),
      cells.reduce((n, c) => n + c.runs, 0),
      cells.reduce((n, c) => n + c.checks, 0),
      stuck.join("; "),
      row.lastError,
      ...exercises.map((slug) => {
        const c = row.exercises[slug];
        return !c ? "not started" : c.status === "failing" ? `failing "${c.failing}"` : c.status;
      }),
    ]
      .map(csvCell)
      .join(",");
  });
  return [head.map(csvCell).join(","), ...rows].join("\n") + "\n";
}
