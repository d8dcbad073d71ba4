import { appStore, useAppStore } from "../../app/store.ts";
import { findExercise } from "../../exercises/catalog.ts";
import { lineCount, type CodeShare } from "./link.ts";
import { Refused, ShareQuestion } from "./Question.tsx";

const lines = (code: string) => {
  const n = lineCount(code);
  return `${n} line${n === 1 ? "" : "s"}`;
};

/** An exercise's code: says what it replaces, and saves it as the learner's own code when they say so. */
export default function CodeQuestion({ share, onDone }: { share: CodeShare; onDone: () => void }) {
  const exercise = findExercise(share.slug);
  const saved = useAppStore((s) => s.exerciseProgress[share.slug]?.code);
  if (!exercise)
    return (
      <Refused
        message={`This link carries code for exercise ${share.slug}, which this playground does not have. Nothing was changed.`}
        onDone={onDone}
      />
    );
  const current = saved ?? exercise.starter;
  const name = `exercise ${String(exercise.number).padStart(2, "0")} · ${exercise.title}`;
  const mine =
    current === share.code
      ? "It is the same as your current code."
      : current === exercise.starter
        ? "You have not changed the starter code yet."
        : `Your current code (${lines(current)}) will be replaced.`;
  return (
    <ShareQuestion
      title="Code shared by link"
      actions={
        <>
          <button
            type="button"
            className="primary"
            onClick={() => {
              appStore.getState().saveExerciseCode(share.slug, share.code);
              onDone();
            }}
          >
            Replace
          </button>
          <button type="button" data-safe onClick={onDone}>
            Keep mine
          </button>
        </>
      }
    >
      <p data-testid="share-what">
        This link carries code for {name}, {lines(share.code)}. Replace your code in this exercise with it?
      </p>
      <p data-testid="share-mine">{mine}</p>
    </ShareQuestion>
  );
}
