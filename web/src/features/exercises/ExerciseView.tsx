import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { appStore, useAppStore } from "../../app/store.ts";
import type { Exercise } from "../../exercises/loader.ts";
import { CheckResults } from "./CheckResults.tsx";
import { ConsolePanel } from "./ConsolePanel.tsx";
import type { EditorHandle } from "./editor/handle.ts";
import { Hints } from "./Hints.tsx";
import { Markdown } from "./Markdown.tsx";
import { DownloadScript } from "./DownloadScript.tsx";
import { ServerReset } from "./ServerReset.tsx";
import { Toolbar } from "./Toolbar.tsx";
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
  }, []);

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
          <Hints hints={exercise.hints} />
        </div>
        <div className="ex-work">
          <Toolbar
            ready={ready}
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
          </Toolbar>
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
            <section aria-label="Your code beside the solution">
              <h2 className="ex-diff-title">Your code (left) and the solution (right)</h2>
              {/* Its own boundary: loading the diff must not hide the editor. */}
              <Suspense fallback={<p className="muted">Loading the comparison…</p>}>
                <SolutionDiff slug={exercise.slug} code={code} solution={exercise.solution} />
              </Suspense>
            </section>
          )}
          <ConsolePanel lines={state.lines} />
          <CheckResults results={state.results} running={state.running === "check"} checked={state.checked} />
        </div>
      </div>
    </div>
  );
}
