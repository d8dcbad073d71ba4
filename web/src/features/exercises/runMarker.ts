// A run that was going when the page died. Code that allocates without bound crashes the whole tab
// in Chromium (a worker's out-of-memory ends its renderer process, page included), and nothing on the
// page survives to say so; the tab's sessionStorage does. A run writes a marker when it starts and
// removes it when it ends or the page is left normally; a marker found when the exercise opens means
// the page crashed during that run.

const KEY = "nats-playground:run-in-flight";

export interface RunMarker {
  slug: string;
  /** Epoch ms the run started. */
  at: number;
}

/** The part of Storage used, so tests pass a Map-backed fake. */
export type MarkerStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export function markRunStarted(storage: MarkerStorage | undefined, marker: RunMarker): void {
  try {
    storage?.setItem(KEY, JSON.stringify(marker));
  } catch {
    // Storage full or blocked: the crash report is a courtesy, the run goes on.
  }
}

export function markRunEnded(storage: MarkerStorage | undefined): void {
  try {
    storage?.removeItem(KEY);
  } catch {
    // as above
  }
}

/** The run of `slug` the page died during, if any; the marker is removed (it is told once). */
export function takeCrashedRun(storage: MarkerStorage | undefined, slug: string): RunMarker | null {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return null;
    const marker = JSON.parse(raw) as Partial<RunMarker>;
    if (marker.slug !== slug || typeof marker.at !== "number") return null;
    storage?.removeItem(KEY);
    return { slug: marker.slug, at: marker.at };
  } catch {
    return null;
  }
}

export const CRASHED_RUN_MESSAGE =
  "The page crashed while your last Run was going: most likely your code used too much memory (an array, string or " +
  "buffer growing without bound, or publishing in a loop that never waits). The browser ends the whole tab when that " +
  "happens, so the run could not be stopped in time. Your code is saved: fix it and Run again.";
