import { useEffect, useState } from "react";
import { useStore } from "zustand";
import { appSaveGuard, appStore, STORAGE_KEY, useAppStore } from "../../app/store.ts";
import { saveFile } from "../../shared/saveFile.ts";
import { exportProgress } from "../exercises/progress.ts";
import { exerciseNumber, exercisesPhrase, formatSize, planFreeSpace, type SaveFailure } from "./saveGuard.ts";

const clock = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

const downloadProgress = () =>
  saveFile("nats-playground-progress.json", exportProgress(appStore.getState().exerciseProgress, Date.now()), "application/json");

/** Characters the site's other localStorage entries take (the page's own excluded); 0 when unreadable. */
function otherDataChars(): number {
  try {
    let total = 0;
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key === null || key === STORAGE_KEY) continue;
      total += key.length + (window.localStorage.getItem(key)?.length ?? 0);
    }
    return total;
  } catch {
    return 0;
  }
}

function unsavedPhrase(f: SaveFailure): string {
  const settings = f.otherUnsaved ? "your settings" : "";
  if (f.unsavedExercises.length === 0) return settings ? `your changes to ${settings}` : "your latest changes";
  return `your changes to ${exercisesPhrase(f.unsavedExercises)}${settings ? ` and to ${settings}` : ""}`;
}

/**
 * Shown while the page's saves fail (storage full, or saving refused): what is not saved since when,
 * the sizes, and the ways out: drop other exercises' saved code (only when asked), download the
 * progress. Goes away by itself once a save works again. While anything is unsaved, including code
 * the editor refused as too long, leaving the page asks first.
 */
export function SaveProblemBanner() {
  const failure = useStore(appSaveGuard.status, (s) => s.failure);
  const refused = useAppStore((s) => Object.keys(s.codeRefused).length > 0);
  const unsaved = failure !== null || refused;
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers ask only when returnValue is set.
      e.returnValue = "Some of your changes are not saved.";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);
  // Keyed by the failure's start: a new one starts without the last one's notes.
  return failure ? <SaveProblem key={failure.since} failure={failure} /> : null;
}

function SaveProblem({ failure }: { failure: SaveFailure }) {
  const plan = failure.full ? planFreeSpace(failure) : [];
  /** What the last "Free space" dropped, and the failure it answered. */
  const [freed, setFreed] = useState<{ slugs: string[]; after: SaveFailure } | null>(null);
  const others = failure.full ? otherDataChars() : 0;
  const largest = failure.codeSizes.slice(0, 5);
  return (
    <div className="banner bad save-problem" role="alert" data-testid="save-problem">
      <p>
        <strong>
          {failure.full ? "Your browser's storage for this page is full" : "Your browser would not save this page's data"}:{" "}
          {unsavedPhrase(failure)} since {clock(failure.since)} are not saved.
        </strong>{" "}
        They stay in this tab until you close or reload it.
      </p>
      <p data-testid="save-problem-sizes">
        What the page saves would take {formatSize(failure.chars)}
        {failure.storedChars > 0 && ` (the saved version takes ${formatSize(failure.storedChars)})`}
        {largest.length > 0 && (
          <>; the largest saved code: {largest.map((c) => `exercise ${exerciseNumber(c.slug)} ${formatSize(c.chars)}`).join(", ")}</>
        )}
        .{others >= 1_000 && ` Other data of this site in the same storage: ${formatSize(others)}.`}
        {!failure.full && ` The browser said: ${failure.error}`}
      </p>
      {freed && freed.after !== failure && (
        <p>Dropping the saved code of {exercisesPhrase(freed.slugs)} was not enough: the page still cannot save.</p>
      )}
      {failure.full && plan.length === 0 && (
        <p>
          No other exercise has saved code to drop. Download your progress to keep it, then free space for this site in the browser's
          settings (its other data, above).
        </p>
      )}
      <div className="row">
        {plan.length > 0 && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              setFreed({ slugs: plan, after: failure });
              appStore.getState().dropExerciseCode(plan);
            }}
          >
            Free space: drop the saved code of {exercisesPhrase(plan)} (their completion ticks stay)
          </button>
        )}
        <button type="button" onClick={downloadProgress}>
          Download my progress
        </button>
      </div>
    </div>
  );
}
