import { useEffect, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";
import { findExercise } from "../../exercises/catalog.ts";
import type { RankedRow } from "./grid.ts";

/** One seat opened: its code beside the solution, its last checks, a hint to it, a reset of its streams. */
export function SeatDetail({ ranked, onClose }: { ranked: RankedRow; onClose: () => void }) {
  const { row, stuck } = ranked;
  const { sendToSeats, resetSeat } = useAppStore(useShallow((s) => ({ sendToSeats: s.sendToSeats, resetSeat: s.resetSeat })));
  const [hint, setHint] = useState("");
  const [status, setStatus] = useState<string | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const [projector, setProjector] = useState(false);
  useEffect(() => {
    if (!projector) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setProjector(false);
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [projector]);
  const code = row.lastCode;
  const exercise = code ? findExercise(code.exercise) : row.current ? findExercise(row.current) : undefined;

  const codeView = (
    <div className="seat-code">
      <div>
        <h3>
          {row.name}'s code{code ? ` (${code.exercise}, ${new Date(code.at).toLocaleTimeString()})` : ""}
        </h3>
        <pre data-testid="seat-code">{code?.code ?? "No Run or Check yet."}</pre>
      </div>
      <div>
        <h3>Reference solution</h3>
        <pre data-testid="seat-solution">{exercise?.solution ?? "—"}</pre>
      </div>
    </div>
  );

  return (
    <section className="card seat-detail" aria-labelledby="seat-detail-title" data-testid="seat-detail">
      <h2 id="seat-detail-title">
        {row.name} <span className="muted">{row.seat}</span>
      </h2>
      {stuck.length > 0 && <p className="error">Stuck: {stuck.join("; ")}</p>}
      {codeView}
      {row.lastChecks && (
        <>
          <h3>Last check results ({row.lastChecks.exercise})</h3>
          <ul className="last-checks">
            {row.lastChecks.checks.map((c) => (
              <li key={c.name} className={`check-${c.status}`}>
                <strong>{c.status}</strong> {c.name}
                {c.message ? `: ${c.message}` : ""}
              </li>
            ))}
          </ul>
        </>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!hint.trim()) return;
          void sendToSeats(row.seat, hint.trim(), true).then((ok) => ok && (setStatus(`Hint sent to ${row.name}.`), setHint("")));
        }}
      >
        <div className="field">
          <label htmlFor="seat-hint">Hint for {row.name}</label>
          <textarea id="seat-hint" rows={3} maxLength={1000} value={hint} onChange={(e) => setHint(e.target.value)} />
        </div>
        <div className="row">
          <button type="submit" className="primary">
            Send the hint
          </button>
          <button type="button" onClick={() => setProjector(true)}>
            Show on the projector
          </button>
          {!confirmReset ? (
            <button type="button" onClick={() => setConfirmReset(true)}>
              Reset the seat's streams…
            </button>
          ) : (
            <span className="confirm-inline" role="alertdialog" aria-label={`Reset ${row.seat}?`}>
              Delete every stream and consumer of {row.seat} ({row.name})?{" "}
              <button
                type="button"
                className="danger"
                onClick={() => void resetSeat(row.seat).then((text) => (setStatus(text), setConfirmReset(false)))}
              >
                Reset {row.seat}
              </button>{" "}
              <button type="button" onClick={() => setConfirmReset(false)}>
                Keep them
              </button>
            </span>
          )}
          <button type="button" className="ghost" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
      {status && (
        <p className="muted" role="status" data-testid="seat-status">
          {status}
        </p>
      )}
      {projector && (
        <div className="projector" role="dialog" aria-label={`${row.name}'s code on the projector`}>
          <button type="button" className="primary projector-close" onClick={() => setProjector(false)}>
            Close (Esc)
          </button>
          {codeView}
        </div>
      )}
    </section>
  );
}
