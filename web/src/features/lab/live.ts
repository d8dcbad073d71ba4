import { createStore, useStore } from "zustand";
import type { EngineSnapshot } from "../../lab/contract/protocol.ts";

/**
 * The engine's latest snapshot (≤ 10 Hz), in a store of its own: it never passes through the app's
 * persisted store, whose every change is serialised for saving. The app store keeps only what
 * changes rarely (running or not, a lane gave up).
 */
export const labLive = createStore<{ snapshot: EngineSnapshot | null }>(() => ({ snapshot: null }));

/** Selects from the latest snapshot; re-renders only when the selected value changes. */
export function useLabLive<T>(selector: (snapshot: EngineSnapshot | null) => T): T {
  return useStore(labLive, (r) => selector(r.snapshot));
}
