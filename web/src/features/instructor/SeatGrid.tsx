import type { Exercise } from "../../exercises/loader.ts";
import type { SeatRow as RoomSeat } from "../../room/contract.ts";
import type { ExerciseCell, RankedRow } from "./grid.ts";

const minutes = (ms: number) => `${Math.max(0, Math.floor(ms / 60_000))} min`;

/** A cell says its state in words too (not by colour alone). */
function Cell({ cell }: { cell: ExerciseCell | undefined }) {
  if (!cell)
    return (
      <td className="cell not-started" title="not started">
        ·
      </td>
    );
  if (cell.status === "passed")
    return (
      <td className="cell passed" title="passed">
        ✓
      </td>
    );
  if (cell.status === "failing") {
    return (
      <td className="cell failing" title={`failing "${cell.failing}" (${cell.sameFailure}× in a row)`}>
        ✗ <span className="cell-text">{cell.failing}</span>
      </td>
    );
  }
  return (
    <td className="cell working" title={`working: ${cell.runs} runs, ${cell.checks} checks`}>
      …
    </td>
  );
}

/** Seats × exercises, stuck seats first, then raised hands; a row opens the seat. */
export function SeatGrid(props: {
  ranked: RankedRow[];
  exercises: readonly Exercise[];
  now: number;
  online: Map<string, RoomSeat>;
  selected: string | null;
  onSelect: (seat: string) => void;
}) {
  return (
    <section className="card grid-card" aria-labelledby="grid-title">
      <h2 id="grid-title">Seats</h2>
      {props.ranked.length === 0 ? (
        <p className="muted">No seat has reported anything yet: progress appears here as participants open exercises and run them.</p>
      ) : (
        <div className="grid-scroll">
          <table className="seat-grid" data-testid="seat-grid">
            <thead>
              <tr>
                <th scope="col">Seat</th>
                <th scope="col">Now on</th>
                <th scope="col">Runs / checks</th>
                {props.exercises.map((e) => (
                  <th scope="col" key={e.slug} title={e.title}>
                    {String(e.number).padStart(2, "0")}
                  </th>
                ))}
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {props.ranked.map(({ row, stuck }) => {
                const cells = Object.values(row.exercises);
                const online = props.online.get(row.seat)?.online ?? 0;
                return (
                  <tr
                    key={row.seat}
                    data-testid={`grid-row-${row.seat}`}
                    className={[
                      stuck.length ? "stuck" : "",
                      row.handRaisedAt ? "hand" : "",
                      props.selected === row.seat ? "selected" : "",
                    ].join(" ")}
                  >
                    <th scope="row">
                      <button type="button" className="linkish" onClick={() => props.onSelect(row.seat)}>
                        {row.name}
                      </button>
                      <span className="muted"> {row.seat}</span>
                      {row.handRaisedAt && <span className="flag hand-flag"> · hand up</span>}
                      {stuck.length > 0 && (
                        <span className="flag stuck-flag" data-testid="stuck-flag" title={stuck.join("; ")}>
                          {" "}
                          stuck: {stuck.join("; ")}
                        </span>
                      )}
                      {(!row.active || online === 0) && <span className="muted"> {online === 0 ? "(offline)" : "(idle)"}</span>}
                    </th>
                    <td>{row.current ? `${row.current} · ${minutes(props.now - (row.currentSince ?? props.now))}` : "—"}</td>
                    <td>
                      {cells.reduce((n, c) => n + c.runs, 0)} / {cells.reduce((n, c) => n + c.checks, 0)}
                    </td>
                    {props.exercises.map((e) => (
                      <Cell key={e.slug} cell={row.exercises[e.slug]} />
                    ))}
                    <td className="last-error">{row.lastError ?? ""}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
