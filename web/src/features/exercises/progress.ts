// Progress is the learner's work: it must survive reloads, bad imports and future format changes, so
// everything read from storage or a file goes through sanitizeProgress first.

/** One exercise's saved state. */
export interface ExerciseProgress {
  /** The code in the editor (absent: the starter). */
  code?: string;
  completed: boolean;
  /** Epoch ms when all checks first passed. */
  completedAt?: number;
}

export type ProgressMap = Record<string, ExerciseProgress>;

/** Format marker and version of an exported progress file. */
export const PROGRESS_FILE_KIND = "nats-playground-progress";
export const PROGRESS_FILE_VERSION = 1;
/** Larger code than this is not a participant's exercise (and would crowd localStorage). */
const MAX_CODE_CHARS = 200_000;
const SLUG = /^\d{2}-[a-z0-9-]+$/;

/** Keeps only well-formed entries; anything else in `value` is dropped, never trusted. */
export function sanitizeProgress(value: unknown): ProgressMap {
  const out: ProgressMap = {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) return out;
  for (const [slug, raw] of Object.entries(value)) {
    if (!SLUG.test(slug) || typeof raw !== "object" || raw === null) continue;
    const r = raw as Record<string, unknown>;
    const entry: ExerciseProgress = { completed: r.completed === true };
    if (typeof r.code === "string" && r.code.length <= MAX_CODE_CHARS) entry.code = r.code;
    if (entry.completed && typeof r.completedAt === "number" && Number.isFinite(r.completedAt)) entry.completedAt = r.completedAt;
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

/** Reads an exported progress file; throws a sentence when it is not one. */
export function parseProgressFile(text: string): ProgressMap {
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
  return sanitizeProgress(d.exercises);
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
