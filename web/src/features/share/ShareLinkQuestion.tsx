import { lazy, Suspense, useMemo, useState, useSyncExternalStore } from "react";
import { appStore, useAppStore } from "../../app/store.ts";
import { readShareFragment, type ScenarioShare } from "./link.ts";
import { Refused, ShareQuestion } from "./Question.tsx";
import { applyScenario, describeScenario } from "./scenario.ts";

// The exercise's title and starter come with the catalog, which loads with the exercises' page anyway.
const CodeQuestion = lazy(() => import("./CodeQuestion.tsx"));

const subscribe = (onChange: () => void) => {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
};

/** Leaves the page where it is, without the payload: a reload does not ask again. */
function dropPayload(rest: string): void {
  window.history.replaceState(window.history.state, "", `${window.location.pathname}${window.location.search}${rest}`);
}

/**
 * Opening a share link (#/exercises/<slug>?code=… or #/lab?scenario=…) asks before anything is
 * replaced; after either answer the payload leaves the address.
 */
export function ShareLinkQuestion() {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  // Re-rendered after an answer: the address no longer carries the payload.
  const [, setAnswers] = useState(0);
  const opened = useMemo(() => readShareFragment(hash), [hash]);
  if (!opened) return null;
  const done = () => {
    dropPayload(opened.rest);
    setAnswers((n) => n + 1);
  };
  if (!opened.ok) return <Refused key={hash} message={opened.message} onDone={done} />;
  if (opened.share.kind === "scenario") return <ScenarioQuestion key={hash} share={opened.share} onDone={done} />;
  return (
    <Suspense fallback={null}>
      <CodeQuestion key={hash} share={opened.share} onDone={done} />
    </Suspense>
  );
}

/** A lab scenario: applied through the lab's own actions, never while the lab runs (settings apply at Start). */
function ScenarioQuestion({ share, onDone }: { share: ScenarioShare; onDone: () => void }) {
  const running = useAppStore((s) => s.labRunning);
  return (
    <ShareQuestion
      title="A lab scenario shared by link"
      actions={
        <>
          <button
            type="button"
            className="primary"
            disabled={running}
            onClick={() => {
              applyScenario(appStore.getState(), share.preset, share.config);
              onDone();
            }}
          >
            Apply
          </button>
          <button type="button" data-safe onClick={onDone}>
            Keep mine
          </button>
        </>
      }
    >
      <p data-testid="share-what">This link carries a lab scenario: {describeScenario(share.preset, share.config).join(", ")}. Apply it?</p>
      <p className="help">It replaces your lab's preset, producer, lanes and lane settings.</p>
      {running && (
        <p className="field-error" data-testid="share-running">
          The lab is running: press Stop first, then Apply (lab settings take effect at Start).
        </p>
      )}
    </ShareQuestion>
  );
}
