import { useEffect, useRef } from "react";
import type { ConsoleLine } from "./useExerciseRun.ts";

/** What the code printed and how the run ended; follows the newest line. */
export function ConsolePanel({ lines }: { lines: ConsoleLine[] }) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: "nearest" });
  }, [lines]);
  return (
    <section className="ex-console" aria-label="Console">
      <div className="ex-console-lines" data-testid="console" role="log" aria-live="polite">
        {lines.length === 0 && <p className="muted">Output of Run and Check appears here.</p>}
        {lines.map((l) => (
          <div key={l.id} className={`ex-line ex-line-${l.tone}`}>
            {l.text}
          </div>
        ))}
        <div ref={end} />
      </div>
    </section>
  );
}
