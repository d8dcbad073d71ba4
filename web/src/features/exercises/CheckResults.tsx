import { forwardRef } from "react";
import type { CheckResult, CheckStatus } from "../../exercises/checks/classify.ts";

const LABEL: Record<CheckStatus, string> = {
  pass: "pass",
  fail: "fail",
  timeout: "timeout",
  infrastructure: "infrastructure error",
};
const ICON: Record<CheckStatus, string> = { pass: "✓", fail: "✗", timeout: "⏱", infrastructure: "⚠" };

export interface CheckResultsProps {
  results: CheckResult[];
  running: boolean;
  checked: boolean;
  /** The next hint not shown yet (1-based, with the count), or null when every hint is out. */
  nextHint: { number: number; of: number } | null;
  onShowHint: () => void;
  onShowSolution: () => void;
  /** Where a learner goes once every check passes (null: this is the last exercise). */
  next: { href: string; title: string } | null;
}

/**
 * One line per check: what it looked at, how it ended, and why when it did not pass. Above them, the
 * outcome in one sentence and what to do next: a hint when a check fails, the next exercise when all pass.
 */
export const CheckResults = forwardRef<HTMLHeadingElement, CheckResultsProps>(function CheckResults(p, heading) {
  const { results, running, checked } = p;
  const done = checked && !running && results.length > 0;
  const passed = results.filter((r) => r.status === "pass").length;
  const allPass = done && passed === results.length;
  const firstFailing = results.findIndex((r) => r.status !== "pass");
  return (
    <section className="ex-results" aria-labelledby="ex-results-title">
      <h2 id="ex-results-title" ref={heading} tabIndex={-1}>
        Checks
      </h2>
      {!checked && <p className="muted">Press Check to test your code against the server.</p>}
      {checked && results.length === 0 && <p className="muted">{running ? "Running the checks…" : "No results."}</p>}
      <div role="status" className="ex-results-summary" data-testid="check-summary">
        {done &&
          (allPass ? (
            <p className="ex-summary-pass">
              <strong>All {results.length} checks pass: exercise complete.</strong>{" "}
              {p.next ? (
                <a className="button primary" href={p.next.href} data-testid="next-exercise">
                  Next exercise: {p.next.title} →
                </a>
              ) : (
                <a className="button primary" href="#/exercises" data-testid="next-exercise">
                  That was the last one: all exercises →
                </a>
              )}
            </p>
          ) : (
            <p className="ex-summary-fail">
              <strong>
                {passed} of {results.length} checks pass.
              </strong>
            </p>
          ))}
      </div>
      <ul className="ex-result-list" data-testid="check-results">
        {results.map((r, i) => (
          <li key={i} className={`ex-result ex-result-${r.status}`} data-status={r.status}>
            <span className="ex-result-icon" aria-hidden="true">
              {ICON[r.status]}
            </span>
            <span className="ex-result-name">{r.name}</span>
            <span className="ex-result-status">{LABEL[r.status]}</span>
            {r.message && <p className="ex-result-message">{r.message}</p>}
            {done && i === firstFailing && r.status !== "infrastructure" && (
              <p className="ex-result-help">
                {p.nextHint ? (
                  <button type="button" className="link-button" onClick={p.onShowHint} data-testid="hint-from-check">
                    Stuck? Show hint {p.nextHint.number} of {p.nextHint.of}
                  </button>
                ) : (
                  <>
                    Every hint is shown.{" "}
                    <button type="button" className="link-button" onClick={p.onShowSolution}>
                      Compare your code with the solution
                    </button>
                  </>
                )}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
});
