import { useEffect, useRef } from "react";
import type { ConsoleLine } from "./useExerciseRun.ts";

/**
 * What the code printed and how the run ended; follows the newest line by scrolling its own box
 * (never the page: the learner may be reading the instructions or the checks). Focusable, so its
 * scrolled-away lines can be read by keyboard.
 */
export function ConsolePanel({ lines }: { lines: ConsoleLine[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (el && lines.length > 0) el.scrollTop = el.scrollHeight;
  }, [lines]);
  return (
    <section className="ex-console" aria-label="Console">
      <div
        ref={box}
        className="ex-console-lines"
        data-testid="console"
        role="log"
        aria-live="polite"
        aria-label="Console output"
        tabIndex={0}
      >
        {lines.length === 0 && <p className="muted">Output of Run and Check appears here.</p>}
        {lines.map((l) => (
          <div key={l.id} className={`ex-line ex-line-${l.tone}`}>
            {l.text}
          </div>
        ))}
      </div>
    </section>
  );
}
