import type { AppStore } from "../../app/store.ts";
import type { ProgressMap } from "../exercises/progress.ts";
import type { SaveFailure, SaveGuard } from "./saveGuard.ts";

/**
 * Imports progress only if the result can be saved: the import is applied and saved for real, and
 * undone when that save fails, so a file too big for the browser's storage leaves the current
 * progress as it was. Returns the failure (null: imported and saved).
 */
export function importIfItFits(store: AppStore, guard: SaveGuard, imported: ProgressMap): SaveFailure | null {
  const before = store.getState().exerciseProgress;
  const failure = guard.trial(() => store.getState().importExerciseProgress(imported));
  if (failure) store.setState({ exerciseProgress: before });
  return failure;
}
