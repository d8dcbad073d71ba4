import { createStore, useStore } from "zustand";
import { labLive } from "./live.ts";
import type { EngineSnapshot } from "../../lab/contract/protocol.ts";

/**
 * The latest snapshot of a running lab. The engine's snapshot after Stop has no lanes and a fresh
 * producer, so the view reads the last running one instead: the final numbers stay on screen to
 * talk about until the next Start or a Reset clears them.
 */
const labRun = createStore<{ snapshot: EngineSnapshot | null }>(() => ({ snapshot: null }));

labLive.subscribe((s, prev) => {
  const snap = s.snapshot;
  if (snap && snap !== prev.snapshot && snap.running) labRun.setState({ snapshot: snap });
});

/** Forgets the last run (a new Start, a Reset). */
export const clearLabRun = (): void => labRun.setState({ snapshot: null });

/** Selects from the last running snapshot; re-renders only when the selected value changes. */
export function useLabRun<T>(selector: (snapshot: EngineSnapshot | null) => T): T {
  return useStore(labRun, (r) => selector(r.snapshot));
}
