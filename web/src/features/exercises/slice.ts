import type { StateCreator } from "zustand";
import { codeFits, mergeProgress, type ProgressMap } from "./progress.ts";

/** Exercise progress: completion and the current code per exercise (persisted). */
export interface ExercisesSlice {
  exerciseProgress: ProgressMap;
  /**
   * Code the editor holds but that was not saved for being longer than an exercise keeps
   * (MAX_CODE_CHARS): its length, per exercise. Not persisted; the code saved before stays.
   */
  codeRefused: Record<string, number>;
  /** Saves the editor's code, unless it is too long: then the saved code stays and codeRefused says so. */
  saveExerciseCode: (slug: string, code: string) => void;
  markExerciseComplete: (slug: string, at: number) => void;
  /** Back to the starter: drops the saved code, keeps the completion. */
  resetExerciseCode: (slug: string) => void;
  /**
   * Puts `solution` in the editor and keeps the code it replaces (`current`: the starter when nothing is
   * saved) as the learner's version to return to; a second load keeps the first version.
   */
  loadSolution: (slug: string, solution: string, current: string, at: number) => void;
  /** Back to the learner's version kept by loadSolution (what the solution became is dropped). */
  restoreMine: (slug: string) => void;
  /** Drops the saved code of these exercises at once (to free storage), keeping their completions. */
  dropExerciseCode: (slugs: string[]) => void;
  importExerciseProgress: (imported: ProgressMap) => void;
}

const withoutKey = <T>(record: Record<string, T>, key: string): Record<string, T> => {
  if (!(key in record)) return record;
  const { [key]: _gone, ...rest } = record;
  return rest;
};

export const createExercisesSlice = (): StateCreator<ExercisesSlice, [], [], ExercisesSlice> => (set) => ({
  exerciseProgress: {},
  codeRefused: {},
  saveExerciseCode: (slug, code) =>
    set((s) => {
      if (!codeFits(code)) return s.codeRefused[slug] === code.length ? s : { codeRefused: { ...s.codeRefused, [slug]: code.length } };
      return {
        exerciseProgress: { ...s.exerciseProgress, [slug]: { completed: false, ...s.exerciseProgress[slug], code } },
        codeRefused: withoutKey(s.codeRefused, slug),
      };
    }),
  markExerciseComplete: (slug, at) =>
    set((s) => {
      const before = s.exerciseProgress[slug];
      if (before?.completed) return s;
      return { exerciseProgress: { ...s.exerciseProgress, [slug]: { ...before, completed: true, completedAt: at } } };
    }),
  resetExerciseCode: (slug) =>
    set((s) => {
      const before = s.exerciseProgress[slug];
      if (!before) return slug in s.codeRefused ? { codeRefused: withoutKey(s.codeRefused, slug) } : s;
      const { code: _code, ...rest } = before;
      return { exerciseProgress: { ...s.exerciseProgress, [slug]: rest }, codeRefused: withoutKey(s.codeRefused, slug) };
    }),
  loadSolution: (slug, solution, current, at) =>
    set((s) => {
      const before = s.exerciseProgress[slug];
      const mine = before?.mine ?? { code: current, at };
      return { exerciseProgress: { ...s.exerciseProgress, [slug]: { completed: false, ...before, code: solution, mine } } };
    }),
  restoreMine: (slug) =>
    set((s) => {
      const before = s.exerciseProgress[slug];
      if (!before?.mine) return s;
      const { mine, ...rest } = before;
      return { exerciseProgress: { ...s.exerciseProgress, [slug]: { ...rest, code: mine.code } } };
    }),
  dropExerciseCode: (slugs) =>
    set((s) => {
      const progress = { ...s.exerciseProgress };
      for (const slug of slugs) {
        const before = progress[slug];
        if (!before) continue;
        const { code: _code, ...rest } = before;
        progress[slug] = rest;
      }
      return { exerciseProgress: progress };
    }),
  importExerciseProgress: (imported) => set((s) => ({ exerciseProgress: mergeProgress(s.exerciseProgress, imported) })),
});
