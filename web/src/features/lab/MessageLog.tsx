import { useId, useState } from "react";
import { laneTitle } from "../../lab/contract/modes/index.ts";
import type { LogEntry } from "../../lab/contract/log.ts";
import { LANE_IDS, type EngineSnapshot, type LaneEvent, type LaneId } from "../../lab/contract/protocol.ts";
import { DASH, ms } from "./format.ts";
import { useLabRun } from "./run.ts";

/** Rows shown: the engine already bounds each lane's log in a snapshot; this bounds the merged view. */
export const LOG_ROWS = 60;

type Row = LogEntry & { lane: LaneId };
type EventRow = LaneEvent & { lane: LaneId };

/** Lane events (connection lost, back, gave up, resumed; slow consumer, caught up) of the lanes shown, newest first. */
function eventsOf(snapshot: EngineSnapshot | null, lane: LaneId | "all"): EventRow[] {
  if (!snapshot) return [];
  const ids = lane === "all" ? LANE_IDS : [lane];
  return ids.flatMap((id) => (snapshot.lanes[id]?.events ?? []).map((e) => ({ ...e, lane: id }))).sort((a, b) => b.at - a.at);
}

function rowsOf(snapshot: EngineSnapshot | null, lane: LaneId | "all"): Row[] {
  if (!snapshot) return [];
  const ids = lane === "all" ? LANE_IDS : [lane];
  const rows = ids.flatMap((id) => (snapshot.lanes[id]?.log ?? []).map((e) => ({ ...e, lane: id })));
  return rows.sort((a, b) => b.at - a.at).slice(0, LOG_ROWS);
}

const time = (at: number) => {
  const d = new Date(at);
  return `${d.toLocaleTimeString("en-GB")}.${String(d.getMilliseconds()).padStart(3, "0")}`;
};

/**
 * The last messages each lane's consumer saw, newest first. Rendered only while open, and "Hold"
 * freezes it so a row can be read while the lab runs on.
 */
export function MessageLog() {
  const filterId = useId();
  const [open, setOpen] = useState(false);
  const [lane, setLane] = useState<LaneId | "all">("all");
  const [held, setHeld] = useState<{ rows: Row[]; events: EventRow[] } | null>(null);
  // Closed or held, the selector returns the same snapshot reference: no re-render per snapshot.
  const snapshot = useLabRun((s) => (open && !held ? s : null));
  const rows = held?.rows ?? rowsOf(snapshot, lane);
  const events = held?.events ?? eventsOf(snapshot, lane);

  return (
    <details className="card lab-log" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <h2>Message log</h2>
      </summary>
      <div className="row lab-log-tools">
        <div className="field">
          <label htmlFor={filterId}>Lane</label>
          <select id={filterId} value={lane} onChange={(e) => setLane(e.target.value as LaneId | "all")} disabled={held !== null}>
            <option value="all">All lanes</option>
            {LANE_IDS.map((id) => (
              <option key={id} value={id}>
                {laneTitle(id)}
              </option>
            ))}
          </select>
        </div>
        <label className="switch">
          <input type="checkbox" checked={held !== null} onChange={(e) => setHeld(e.target.checked ? { rows, events } : null)} />
          Hold
        </label>
      </div>
      {open && events.length > 0 && <LaneEvents events={events} showLane={lane === "all"} />}
      {open && <LogTable rows={rows} showLane={lane === "all"} />}
    </details>
  );
}

/** What happened to the connections and consumers: kept apart from the rows, which a running lab replaces within a second. */
function LaneEvents({ events, showLane }: { events: EventRow[]; showLane: boolean }) {
  return (
    // Scrolls past 10rem: focusable, as the rows below.
    <ul className="lab-log-events" aria-label="Connection and consumer events" data-testid="lab-log-events" tabIndex={0}>
      {events.map((e, i) => (
        <li key={i}>
          <time>{time(e.at)}</time> {showLane && <strong>{laneTitle(e.lane)}:</strong>} {e.text}
        </li>
      ))}
    </ul>
  );
}

function LogTable({ rows, showLane }: { rows: Row[]; showLane: boolean }) {
  if (rows.length === 0) return <p className="muted">No messages yet: start the lab.</p>;
  return (
    // Focusable, so the rows can be scrolled with the keyboard.
    <div className="lab-log-scroll" tabIndex={0} role="region" aria-label="Messages, newest first">
      <table>
        <thead>
          <tr>
            <th scope="col">Time</th>
            {showLane && <th scope="col">Lane</th>}
            <th scope="col">Subject</th>
            <th scope="col">Nats-Msg-Id</th>
            <th scope="col">Seq</th>
            <th scope="col">Delivery</th>
            <th scope="col">Latency</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className={`outcome-${r.outcome}`}>
              <td>{time(r.at)}</td>
              {showLane && <td>{laneTitle(r.lane)}</td>}
              <td>{r.subject}</td>
              <td>{r.msgId || DASH}</td>
              <td>{r.seq || DASH}</td>
              <td>{r.deliveryCount}</td>
              <td>{ms(r.latencyMs)}</td>
              <td>{r.outcome}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
