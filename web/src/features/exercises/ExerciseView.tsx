import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { appStore, useAppStore } from "../../app/store.ts";
import { EXERCISES } from "../../exercises/catalog.ts";
import type { Exercise } from "../../exercises/loader.ts";
import { CheckResults } from "./CheckResults.tsx";
import { CodeRefused } from "./CodeRefused.tsx";
import { ConsolePanel } from "./ConsolePanel.tsx";
import type { EditorHandle } from "./editor/handle.ts";
import { Hints } from "./Hints.tsx";
import { Markdown } from "./Markdown.tsx";
import { DownloadScript } from "./DownloadScript.tsx";
import { ShareCodeButton } from "../share/ShareLinkButton.tsx";
import { ServerReset } from "./ServerReset.tsx";
import { Toolbar, type TypescriptState } from "./Toolbar.tsx";
import { useExerciseRun } from "./useExerciseRun.ts";
import { PresenterButton } from "../presenter/PresenterButton.tsx";

// Monaco is big: it loads when an exercise opens, not with the app.
const CodeEditor = lazy(() => import("./editor/CodeEditor.tsx"));
const SolutionDiff = lazy(() => import("./editor/SolutionDiff.tsx"));

/** One exercise: instructions and hints beside the editor, Run / Check, console and check results. */
export function ExerciseView({ exercise }: { exercise: Exercise }) {
  const saved = useAppStore((s) => s.exerciseProgress[exercise.slug]);
  const pid = useAppStore((s) => s.pid);
  const code = saved?.code ?? exercise.starter;
  const handle = useRef<EditorHandle | null>(null);
  const [ready, setReady] = useState(false);
  const [showSolution, setShowSolution] = useState(false);
  const [sideBySide, setSideBySide] = useState(true);
  const [hintsShown, setHintsShown] = useState(0);
  const showNextHint = useCallback(() => setHintsShown((n) => Math.min(n + 1, exercise.hints.length)), [exercise.hints.length]);
  /** TypeScript in the editor: "starting" until it has built its program (the first Run does not wait for it). */
  const [typescript, setTypescript] = useState<TypescriptState>("starting");
  const resultsHeading = useRef<HTMLHeadingElement | null>(null);
  const presenting = useAppStore((s) => s.presenting);
  // On the projector: the reference solution in an editor of its own, run without touching saved code.
  const [scratch, setScratch] = useState(false);
  const onProjector = presenting && scratch;
  const { state, run, check, stop, note } = useExerciseRun(
    exercise,
    useCallback(() => handle.current, []),
    undefined,
    useCallback(() => !onProjector, [onProjector]),
  );

  // The instructor sees which exercise each seat has open.
  useEffect(() => appStore.getState().reportProgress({ kind: "opened", exercise: exercise.slug }), [exercise.slug]);

  const onReady = useCallback((h: EditorHandle | null) => {
    handle.current = h;
    setReady(h !== null);
    h?.typescriptReady().then(
      () => handle.current === h && setTypescript("ready"),
      () => handle.current === h && setTypescript("unavailable"),
    );
  }, []);

  // When the checks end, their outcome comes into view (they sit below the editor and the console).
  const checking = state.running === "check";
  const wasChecking = useRef(false);
  useEffect(() => {
    if (wasChecking.current && !checking) {
      const h = resultsHeading.current;
      h?.scrollIntoView({ block: "start", behavior: "smooth" });
      // Keyboard users who pressed Check land on the outcome; someone typing in the editor keeps typing.
      const at = document.activeElement;
      if (at === document.body || at?.closest(".ex-toolbar")) h?.focus({ preventScroll: true });
    }
    wasChecking.current = checking;
  }, [checking]);
  const index = EXERCISES.findIndex((e) => e.slug === exercise.slug);
  const following = EXERCISES[index + 1];
  const next = following ? { href: `#/exercises/${following.slug}`, title: `${following.number} · ${following.title}` } : null;

  return (
    <div className={presenting ? "ex-view presenting-ex" : "ex-view"}>
      <div className="ex-head">
        <a href="#/exercises">← All exercises</a>
        <h1>
          {exercise.title}
          {saved?.completed && (
            <span className="ex-tick ex-complete" data-testid="exercise-complete">
              ✓ complete
            </span>
          )}
        </h1>
        <p className="muted">
          ~{exercise.minutes} min · {exercise.concepts.join(", ")} · time limit {exercise.timeLimitSeconds} s · your subjects:{" "}
          <code>ex.{pid}.…</code> <PresenterButton />
        </p>
        {presenting && (
          <div className="row projector-code" role="group" aria-label="On the projector">
            <button type="button" aria-pressed={scratch} onClick={() => setScratch((v) => !v)}>
              {scratch ? "Back to the saved code" : "Load the reference solution"}
            </button>
            {scratch && <span className="muted">The reference solution, not saved anywhere: Run and Check it as it is.</span>}
          </div>
        )}
      </div>
      <div className="ex-columns">
        <div className="ex-side">
          <section className="card ex-instructions" aria-label="Instructions">
            <Markdown source={exercise.instructions} />
          </section>
          <Hints hints={exercise.hints} shown={hintsShown} onShowNext={showNextHint} />
        </div>
        <div className="ex-work">
          <Toolbar
            ready={ready}
            typescript={typescript}
            running={state.running}
            showingSolution={showSolution}
            onRun={run}
            onCheck={check}
            onStop={stop}
            onToggleSolution={() => setShowSolution((v) => !v)}
            onReset={() => {
              handle.current?.clearProblems();
              appStore.getState().resetExerciseCode(exercise.slug);
            }}
          >
            <ServerReset
              slug={exercise.slug}
              names={exercise.serverNames}
              urgent={state.staleStream}
              disabled={state.running !== null}
              note={note}
            />
            <DownloadScript exercise={exercise} note={note} />
            <ShareCodeButton exercise={exercise} />
          </Toolbar>
          <CodeRefused slug={exercise.slug} />
          {saved?.mine && !onProjector && (
            <p className="ex-mine" role="status" data-testid="solution-loaded">
              The editor holds the solution you loaded; your own code from{" "}
              {new Date(saved.mine.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })} is kept.{" "}
              <button type="button" onClick={() => appStore.getState().restoreMine(exercise.slug)}>
                Back to my code
              </button>
            </p>
          )}
          <Suspense fallback={<p className="muted ex-editor">Loading the editor…</p>}>
            {onProjector ? (
              <CodeEditor
                key="solution"
                slug={exercise.slug}
                file="solution.ts"
                fontSize={22}
                code={exercise.solution}
                onChange={() => undefined}
                onReady={onReady}
              />
            ) : (
              <CodeEditor
                key="mine"
                slug={exercise.slug}
                fontSize={presenting ? 22 : undefined}
                code={code}
                onChange={(c) => appStore.getState().saveExerciseCode(exercise.slug, c)}
                onReady={onReady}
              />
            )}
          </Suspense>
          {showSolution && (
            <section className="ex-solution" aria-labelledby="ex-solution-title">
              <div className="ex-solution-head">
                <h2 id="ex-solution-title" className="ex-diff-title">
                  {sideBySide ? "Your code (left) beside the solution (right)" : "Your code and the solution, inline"}
                </h2>
                {code !== exercise.solution && (
                  <button
                    type="button"
                    onClick={() => {
                      appStore.getState().loadSolution(exercise.slug, exercise.solution, code, Date.now());
                      setShowSolution(false);
                      handle.current?.focus();
                    }}
                  >
                    Load the solution into the editor
                  </button>
                )}
              </div>
              {!sideBySide && (
                <p className="muted ex-diff-legend">
                  Lines only in your code are marked removed (−), lines only in the solution added (+).
                </p>
              )}
              {/* Its own boundary: loading the diff must not hide the editor. */}
              <Suspense fallback={<p className="muted">Loading the comparison…</p>}>
                <SolutionDiff slug={exercise.slug} code={code} solution={exercise.solution} onLayout={setSideBySide} />
              </Suspense>
            </section>
          )}
          <ConsolePanel lines={state.lines} />
          <CheckResults
            ref={resultsHeading}
            results={state.results}
            running={checking}
            checked={state.checked}
            nextHint={hintsShown < exercise.hints.length ? { number: hintsShown + 1, of: exercise.hints.length } : null}
            onShowHint={showNextHint}
            onShowSolution={() => setShowSolution(true)}
            next={next}
          />
        </div>
      </div>
    </div>
  );
}
