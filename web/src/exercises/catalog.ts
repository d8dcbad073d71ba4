import { groupByFolder, loadExercises, type Exercise } from "./loader.ts";

// Discovered at build time: adding a folder under exercises/ adds an exercise, nothing else to edit.
// Texts are bundled raw; check.ts only needs to exist here (the runner worker imports it as code).
const texts = import.meta.glob<string>("../../../exercises/*/{README.md,starter.ts,solution.ts,hints.md}", {
  query: "?raw",
  import: "default",
  eager: true,
});
const checks = Object.keys(import.meta.glob("../../../exercises/*/check.ts", { query: "?raw", import: "default" }));

const loaded = loadExercises(groupByFolder({ ...texts, ...Object.fromEntries(checks.map((path) => [path, ""])) }));

/** The exercises, in number order. */
export const EXERCISES: readonly Exercise[] = loaded.exercises;
/** Malformed folders (npm test fails on these; the app lists them instead of crashing). */
export const EXERCISE_PROBLEMS: readonly string[] = loaded.problems;

export function findExercise(slug: string): Exercise | undefined {
  return EXERCISES.find((e) => e.slug === slug);
}
