import { useEffect, useRef } from "react";
import { Markdown } from "./Markdown.tsx";

export interface HintsProps {
  hints: string[];
  /** How many are shown (the view keeps the count: a failing check can show the next one too). */
  shown: number;
  onShowNext: () => void;
}

/** Hints one at a time, so a learner takes only as much help as they need. */
export function Hints({ hints, shown, onShowNext }: HintsProps) {
  const last = useRef<HTMLLIElement | null>(null);
  const before = useRef(shown);
  useEffect(() => {
    // A hint just shown (from here or from a failing check) comes into view and takes the focus.
    if (shown > before.current) {
      last.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
      last.current?.focus({ preventScroll: true });
    }
    before.current = shown;
  }, [shown]);
  if (hints.length === 0) return null;
  return (
    <section className="ex-hints" aria-labelledby="ex-hints-title">
      <h2 id="ex-hints-title">Hints</h2>
      <ol className="ex-hint-list">
        {hints.slice(0, shown).map((h, i) => (
          <li key={i} data-testid="hint" tabIndex={-1} ref={i === shown - 1 ? last : undefined}>
            <Markdown source={h} headingOffset={2} />
          </li>
        ))}
      </ol>
      {shown < hints.length ? (
        <button type="button" onClick={onShowNext}>
          {shown === 0 ? "Show a hint" : "Show the next hint"} ({shown + 1} of {hints.length})
        </button>
      ) : (
        <p className="muted">That was the last hint.</p>
      )}
    </section>
  );
}
