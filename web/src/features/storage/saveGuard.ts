import { createStore, type StoreApi } from "zustand/vanilla";
import type { PersistStorage, StorageValue } from "zustand/middleware";
import type { ProgressMap } from "../exercises/progress.ts";

// Saving must never fail silently: localStorage throws when the browser's storage for the page is full
// (about 5 MB per site), and zustand's persist would let that exception end whatever called set()
// (the editor's onChange) with nobody told. Every save goes through here: a failure is caught and
// described (which exercises' changes are not saved, since when, how big things are), the page shows
// it, and the next change tries again; the first write that works clears it.

/** localStorage as the store uses it: synchronous, strings only. */
export interface SyncStorage {
  getItem: (name: string) => string | null;
  setItem: (name: string, value: string) => void;
  removeItem: (name: string) => void;
}

/** What the guard looks at in the persisted state; the rest it only counts. */
export interface GuardedState {
  exerciseProgress?: ProgressMap;
}

/** A save that did not happen, and what it leaves unsaved. */
export interface SaveFailure {
  /** The browser said its storage for this page is full (QuotaExceededError), not some other error. */
  full: boolean;
  /** The browser's own words, for the curious and for bug reports. */
  error: string;
  /** Epoch ms of the first failed save since the last one that worked. */
  since: number;
  /** Characters of the state the page tried to save. */
  chars: number;
  /** Characters of what this page has saved now (the version that last fitted); 0 for nothing. */
  storedChars: number;
  /** Exercises whose code or completion changed since the last save that worked. */
  unsavedExercises: string[];
  /** Something besides exercise progress (settings, lab) changed since then too. */
  otherUnsaved: boolean;
  /** Each exercise's code in the state the page tried to save, largest first. */
  codeSizes: { slug: string; chars: number }[];
}

export interface SaveStatus {
  /** null: everything this page holds is saved (or nothing failed yet). */
  failure: SaveFailure | null;
}

export interface SaveGuard {
  readonly status: StoreApi<SaveStatus>;
  /** The store's persist storage: JSON over `storage`, writing only what changed, never throwing on a write. */
  storage: <S extends GuardedState>(storage: SyncStorage) => PersistStorage<S>;
  /**
   * Runs `change` and returns the failure of the save it caused (null: saved, or nothing to save)
   * without showing it: for a change the caller undoes when it does not fit (an import).
   */
  trial: (change: () => void) => SaveFailure | null;
}

/** The browsers' names for "storage full" (Firefox once had its own). */
export function isQuotaError(e: unknown): boolean {
  const name = typeof e === "object" && e !== null ? (e as { name?: unknown }).name : undefined;
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED";
}

const errorText = (e: unknown): string => {
  if (typeof e === "object" && e !== null && "message" in e) {
    const { name, message } = e as { name?: unknown; message?: unknown };
    return `${typeof name === "string" ? name : "Error"}: ${String(message)}`;
  }
  return String(e);
};

/** Exercises whose entry differs between what was saved and what the page holds now. */
function changedExercises(saved: ProgressMap | undefined, now: ProgressMap | undefined): string[] {
  const a = saved ?? {};
  const b = now ?? {};
  const slugs = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...slugs]
    .filter((slug) => {
      const x = a[slug];
      const y = b[slug];
      return x?.code !== y?.code || x?.completed !== y?.completed || x?.completedAt !== y?.completedAt;
    })
    .sort();
}

const withoutProgress = (state: GuardedState | null | undefined): string => {
  if (!state) return "";
  const { exerciseProgress: _progress, ...rest } = state;
  return JSON.stringify(rest);
};

export function createSaveGuard(now: () => number = Date.now): SaveGuard {
  const status = createStore<SaveStatus>()(() => ({ failure: null }));
  /** While a trial runs: its save's outcome (null: saved); undefined when none runs. */
  let trialOutcome: SaveFailure | null | undefined;

  /** A trial's failure goes to the trial only; a save that works, in a trial or not, saved everything. */
  const report = (failure: SaveFailure | null) => {
    if (trialOutcome !== undefined) trialOutcome = failure;
    if (failure !== null && trialOutcome !== undefined) return;
    if (failure !== null || status.getState().failure !== null) status.setState({ failure });
  };

  return {
    status,
    trial: (change) => {
      trialOutcome = null;
      try {
        change();
        return trialOutcome;
      } finally {
        trialOutcome = undefined;
      }
    },
    storage: <S extends GuardedState>(storage: SyncStorage): PersistStorage<S> => {
      // zustand's persist writes on every state change, the lab's ten snapshots a second included. Writing
      // only when the persisted part changed keeps a tab that merely shows the lab from overwriting, ten
      // times a second, the code another tab of the same browser just saved.
      /** What this store last read or wrote successfully. */
      let last: string | null = null;
      /** The state in `last`, to tell what a failed save leaves unsaved. */
      let saved: GuardedState | null = null;
      /** The last text that would not save: the same again is not retried on every lab snapshot. */
      let failed: string | null = null;
      return {
        getItem: (name) => {
          const text = storage.getItem(name);
          last = text;
          failed = null;
          if (text === null) {
            saved = null;
            return null;
          }
          const value = JSON.parse(text) as StorageValue<S>;
          saved = value?.state ?? null;
          return value;
        },
        setItem: (name, value) => {
          const text = JSON.stringify(value);
          // Nothing new: what the page holds is what is saved.
          if (text === last) return report(null);
          if (text === failed && trialOutcome === undefined) return;
          try {
            storage.setItem(name, text);
          } catch (e) {
            let storedChars = 0;
            try {
              storedChars = storage.getItem(name)?.length ?? 0;
            } catch {
              // Unreadable too: counted as nothing saved.
            }
            const progress = value.state.exerciseProgress ?? {};
            if (trialOutcome === undefined) failed = text;
            return report({
              full: isQuotaError(e),
              error: errorText(e),
              since: (trialOutcome === undefined && status.getState().failure?.since) || now(),
              chars: text.length,
              storedChars,
              unsavedExercises: changedExercises(saved?.exerciseProgress, progress),
              otherUnsaved: withoutProgress(saved) !== withoutProgress(value.state),
              codeSizes: Object.entries(progress)
                .filter(([, p]) => typeof p.code === "string")
                .map(([slug, p]) => ({ slug, chars: (p.code as string).length }))
                .sort((a, b) => b.chars - a.chars || a.slug.localeCompare(b.slug)),
            });
          }
          last = text;
          saved = value.state;
          failed = null;
          report(null);
        },
        removeItem: (name) => {
          last = null;
          saved = null;
          storage.removeItem(name);
        },
      };
    },
  };
}

/**
 * The exercises whose saved code would go to make room, largest first: just enough of them to bring
 * the state back to the size that last fitted (at least one), never one with unsaved changes.
 */
export function planFreeSpace(failure: SaveFailure): string[] {
  const keep = new Set(failure.unsavedExercises);
  const candidates = failure.codeSizes.filter((c) => !keep.has(c.slug) && c.chars > 0);
  const need = Math.max(1, failure.chars - failure.storedChars);
  const plan: string[] = [];
  let freed = 0;
  for (const c of candidates) {
    if (freed >= need) break;
    plan.push(c.slug);
    freed += c.chars;
  }
  return plan;
}

/** "01" for "01-hello-pubsub": how the page names exercises in a sentence. */
export const exerciseNumber = (slug: string): string => /^\d+/.exec(slug)?.[0] ?? slug;

/** "exercise 03", "exercises 01, 04". */
export const exercisesPhrase = (slugs: string[]): string =>
  `${slugs.length === 1 ? "exercise" : "exercises"} ${slugs.map(exerciseNumber).join(", ")}`;

/**
 * A size for people: code is ASCII almost always, so its characters count as bytes ("5.2 MB"); the
 * browsers' quota (about 5 MB per site) counts characters too.
 */
export function formatSize(chars: number): string {
  if (chars >= 100_000) return `${(chars / 1_000_000).toFixed(1)} MB`;
  if (chars >= 1_000) return `${Math.round(chars / 1_000)} kB`;
  return `${chars} characters`;
}
