import { createStore, useStore } from "zustand";
import { appStore } from "../../app/store.ts";
import type { EngineSnapshot } from "../../lab/protocol.ts";

/**
 * The latest snapshot of a running lab. The engine's snapshot after Stop has no lanes and a fresh
 * producer, so the view reads the last running one instead: the final numbers stay on screen to
 * talk about until the next Start or a Reset clears them.
 */
const labRun = createStore<{ snapshot: EngineSnapshot | null }>(() => ({ snapshot: null }));

appStore.subscribe((s, prev) => {
  const snap = s.labSnapshot;
  if (snap && snap !== prev.labSnapshot && snap.running) labRun.setState({ snapshot: snap });
});

/** Forgets the last run (a new Start, a Reset). */
export const clearLabRun = (): void => labRun.setState({ snapshot: null });

/** Selects from the last running snapshot; re-renders only when the selected value changes. */
export function useLabRun<T>(selector: (snapshot: EngineSnapshot | null) => T): T {
  return useStore(labRun, (r) => selector(r.snapshot));
}
