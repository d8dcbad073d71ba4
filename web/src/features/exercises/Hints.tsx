import { useState } from "react";
import { Markdown } from "./Markdown.tsx";

/** Hints one at a time, so a learner takes only as much help as they need. */
export function Hints({ hints }: { hints: string[] }) {
  const [shown, setShown] = useState(0);
  if (hints.length === 0) return null;
  return (
    <section className="ex-hints" aria-labelledby="ex-hints-title">
      <h2 id="ex-hints-title">Hints</h2>
      <ol className="ex-hint-list">
        {hints.slice(0, shown).map((h, i) => (
          <li key={i} data-testid="hint">
            <Markdown source={h} headingOffset={2} />
          </li>
        ))}
      </ol>
      {shown < hints.length ? (
        <button type="button" onClick={() => setShown(shown + 1)}>
          {shown === 0 ? "Show a hint" : "Show the next hint"} ({shown + 1} of {hints.length})
        </button>
      ) : (
        <p className="muted">That was the last hint.</p>
      )}
    </section>
  );
}
