import type { CheckResult, CheckStatus } from "../../exercises/checks/classify.ts";

const LABEL: Record<CheckStatus, string> = {
  pass: "pass",
  fail: "fail",
  timeout: "timeout",
  infrastructure: "infrastructure error",
};
const ICON: Record<CheckStatus, string> = { pass: "✓", fail: "✗", timeout: "⏱", infrastructure: "⚠" };

/** One line per check: what it looked at, how it ended, and why when it did not pass. */
export function CheckResults({ results, running, checked }: { results: CheckResult[]; running: boolean; checked: boolean }) {
  return (
    <section className="ex-results" aria-labelledby="ex-results-title">
      <h2 id="ex-results-title">Checks</h2>
      {!checked && <p className="muted">Press Check to test your code against the server.</p>}
      {checked && results.length === 0 && <p className="muted">{running ? "Running the checks…" : "No results."}</p>}
      <ul className="ex-result-list" data-testid="check-results">
        {results.map((r, i) => (
          <li key={i} className={`ex-result ex-result-${r.status}`} data-status={r.status}>
            <span className="ex-result-icon" aria-hidden="true">
              {ICON[r.status]}
            </span>
            <span className="ex-result-name">{r.name}</span>
            <span className="ex-result-status">{LABEL[r.status]}</span>
            {r.message && <p className="ex-result-message">{r.message}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
