import { useAppStore } from "../../app/store.ts";
import { EXERCISE_PROBLEMS, EXERCISES } from "../../exercises/catalog.ts";
import { ProgressTransfer } from "./ProgressTransfer.tsx";

/** Every exercise with its length, concepts and a tick once all its checks passed. */
export function ExerciseList() {
  const progress = useAppStore((s) => s.exerciseProgress);
  const done = EXERCISES.filter((e) => progress[e.slug]?.completed).length;
  return (
    <section className="ex-list-page" aria-labelledby="ex-list-title">
      <h1 id="ex-list-title">Exercises</h1>
      <p className="muted">
        Write TypeScript against the live server: Run it, then Check it. Your code and progress stay in this browser ({done} of{" "}
        {EXERCISES.length} complete).
      </p>
      <ol className="ex-list">
        {EXERCISES.map((e) => {
          const complete = progress[e.slug]?.completed === true;
          return (
            <li key={e.slug} className="ex-list-item card" data-testid={`exercise-${e.slug}`}>
              <a href={`#/exercises/${e.slug}`} className="ex-list-link">
                <span className="ex-number">{String(e.number).padStart(2, "0")}</span>
                <span className="ex-list-title">{e.title}</span>
                {complete && (
                  <span className="ex-tick" aria-label="complete" title="All checks passed">
                    ✓
                  </span>
                )}
              </a>
              <p className="muted ex-meta">
                ~{e.minutes} min · {e.concepts.join(", ")}
              </p>
            </li>
          );
        })}
      </ol>
      {EXERCISE_PROBLEMS.length > 0 && (
        <div className="error" role="alert">
          Some exercises could not be loaded:
          <ul>
            {EXERCISE_PROBLEMS.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <ProgressTransfer />
    </section>
  );
}
