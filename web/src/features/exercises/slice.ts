import type { StateCreator } from "zustand";
import { mergeProgress, type ProgressMap } from "./progress.ts";

/** Exercise progress: completion and the current code per exercise (persisted). */
export interface ExercisesSlice {
  exerciseProgress: ProgressMap;
  saveExerciseCode: (slug: string, code: string) => void;
  markExerciseComplete: (slug: string, at: number) => void;
  /** Back to the starter: drops the saved code, keeps the completion. */
  resetExerciseCode: (slug: string) => void;
  importExerciseProgress: (imported: ProgressMap) => void;
}

export const createExercisesSlice = (): StateCreator<ExercisesSlice, [], [], ExercisesSlice> => (set) => ({
  exerciseProgress: {},
  saveExerciseCode: (slug, code) =>
    set((s) => ({ exerciseProgress: { ...s.exerciseProgress, [slug]: { completed: false, ...s.exerciseProgress[slug], code } } })),
  markExerciseComplete: (slug, at) =>
    set((s) => {
      const before = s.exerciseProgress[slug];
      if (before?.completed) return s;
      return { exerciseProgress: { ...s.exerciseProgress, [slug]: { ...before, completed: true, completedAt: at } } };
    }),
  resetExerciseCode: (slug) =>
    set((s) => {
      const before = s.exerciseProgress[slug];
      if (!before) return s;
      const { code: _code, ...rest } = before;
      return { exerciseProgress: { ...s.exerciseProgress, [slug]: rest } };
    }),
  importExerciseProgress: (imported) => set((s) => ({ exerciseProgress: mergeProgress(s.exerciseProgress, imported) })),
});
