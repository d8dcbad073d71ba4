// Progress is the learner's work: it must survive reloads, bad imports and future format changes, so
// everything read from storage or a file goes through sanitizeProgress first.

/** One exercise's saved state. */
export interface ExerciseProgress {
  /** The code in the editor (absent: the starter). */
  code?: string;
  completed: boolean;
  /** Epoch ms when all checks first passed. */
  completedAt?: number;
  /** The learner's own code, kept when they loaded the solution into the editor: theirs to go back to. */
  mine?: { code: string; at: number };
}

export type ProgressMap = Record<string, ExerciseProgress>;

/** Format marker and version of an exported progress file. */
export const PROGRESS_FILE_KIND = "nats-playground-progress";
export const PROGRESS_FILE_VERSION = 1;
/**
 * The most code one exercise keeps. The largest solution is under 5,000 characters, so this is forty
 * times that; ten exercises at the limit (2 M characters) still fit the browsers' storage for a page
 * (Chromium: 5,242,880 characters for the whole site). The editor refuses to save longer code (it
 * says so at the editor) and reading drops it, so what is saved is always what loads again.
 */
export const MAX_CODE_CHARS = 200_000;
const SLUG = /^\d{2}-[a-z0-9-]+$/;

/** Whether the editor may save `code`: the same rule reading applies. */
export const codeFits = (code: string): boolean => code.length <= MAX_CODE_CHARS;

/**
 * Keeps only well-formed entries; anything else in `value` is dropped, never trusted. The exercises
 * whose code was dropped for being longer than MAX_CODE_CHARS are added to `tooLong` when given.
 */
export function sanitizeProgress(value: unknown, tooLong?: string[]): ProgressMap {
  const out: ProgressMap = {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) return out;
  for (const [slug, raw] of Object.entries(value)) {
    if (!SLUG.test(slug) || typeof raw !== "object" || raw === null) continue;
    const r = raw as Record<string, unknown>;
    const entry: ExerciseProgress = { completed: r.completed === true };
    if (typeof r.code === "string") {
      if (codeFits(r.code)) entry.code = r.code;
      else tooLong?.push(slug);
    }
    if (entry.completed && typeof r.completedAt === "number" && Number.isFinite(r.completedAt)) entry.completedAt = r.completedAt;
    const mine = r.mine as { code?: unknown; at?: unknown } | null | undefined;
    if (typeof mine?.code === "string" && codeFits(mine.code) && typeof mine.at === "number" && Number.isFinite(mine.at))
      entry.mine = { code: mine.code, at: mine.at };
    out[slug] = entry;
  }
  return out;
}

/** The JSON text of an exported progress file. */
export function exportProgress(progress: ProgressMap, now: number): string {
  return JSON.stringify(
    { kind: PROGRESS_FILE_KIND, version: PROGRESS_FILE_VERSION, exportedAt: new Date(now).toISOString(), exercises: progress },
    null,
    2,
  );
}

/** Reads an exported progress file; throws a sentence when it is not one. `tooLong`: as in sanitizeProgress. */
export function parseProgressFile(text: string, tooLong?: string[]): ProgressMap {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error("That file is not JSON: choose a progress file exported from this playground.");
  }
  const d = data as { kind?: unknown; version?: unknown; exercises?: unknown };
  if (d?.kind !== PROGRESS_FILE_KIND) throw new Error("That file is not a playground progress export.");
  if (d.version !== PROGRESS_FILE_VERSION)
    throw new Error(`Progress file version ${String(d.version)} is not supported (expected ${PROGRESS_FILE_VERSION}).`);
  return sanitizeProgress(d.exercises, tooLong);
}

/** Imported entries win per exercise; a completion is never lost by importing an older file. */
export function mergeProgress(current: ProgressMap, imported: ProgressMap): ProgressMap {
  const out: ProgressMap = { ...current };
  for (const [slug, entry] of Object.entries(imported)) {
    const before = current[slug];
    const completed = entry.completed || before?.completed === true;
    out[slug] = { ...entry, completed, completedAt: entry.completedAt ?? before?.completedAt };
    if (!completed) delete out[slug]?.completedAt;
  }
  return out;
}
