// The exercises' folder names, without their texts: pages outside the exercises (the start page)
// learn which exercise comes first or next without loading every README, starter and solution.
const folders = Object.keys(import.meta.glob("../../../exercises/*/README.md"));

/** "01-hello-pubsub", … in number order: the same folders the catalog loads. */
export const EXERCISE_SLUGS: readonly string[] = folders
  .map((p) => p.split("/").at(-2) ?? "")
  .filter((s) => /^\d{2}-[a-z0-9-]+$/.test(s))
  .sort();

/** The exercise to open next: the first not complete (null when all are). */
export function nextExerciseSlug(completed: (slug: string) => boolean, slugs: readonly string[] = EXERCISE_SLUGS): string | null {
  return slugs.find((s) => !completed(s)) ?? null;
}

/** 1 for "01-hello-pubsub". */
export const exerciseNumber = (slug: string) => Number(slug.slice(0, 2));
