import { memo } from "react";
import { laneTitle, type LaneId } from "../../lab/contract/modes/index.ts";
import type { WorkerView } from "../../lab/contract/protocol.ts";
import { count } from "./format.ts";

const STATE: Record<WorkerView["state"], string> = {
  starting: "starting",
  running: "running",
  stopped: "stopped",
  error: "stopped by an error",
};

/**
 * A worker-pool lane's workers: each one's deliveries, its share of the last second as a bar, and the
 * pool's total, so "more workers, more events per second" reads at a glance.
 */
export const WorkerTable = memo(function WorkerTable({
  lane,
  workers,
  processedTwice,
}: {
  lane: LaneId;
  workers?: WorkerView[];
  processedTwice?: number;
}) {
  const list = workers ?? [];
  const total = list.reduce((n, w) => n + w.perSecond, 0);
  const max = Math.max(1, ...list.map((w) => w.perSecond));
  return (
    <section className="worker-table" aria-label={`${laneTitle(lane)}: consumer workers`} data-testid={`lane-${lane}-workers`}>
      <h3>
        Consumer workers <span className="muted">one durable consumer, shared</span>
      </h3>
      {list.length === 0 ? (
        <p className="muted">Start to see each worker's share.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Worker</th>
              <th scope="col">Delivered</th>
              <th scope="col">Last second</th>
            </tr>
          </thead>
          <tbody>
            {list.map((w) => (
              <tr key={w.id} data-testid={`lane-${lane}-worker-${w.id}`} title={w.error}>
                <th scope="row">
                  #{w.id} <span className="muted">{STATE[w.state]}</span>
                </th>
                <td data-testid={`lane-${lane}-worker-${w.id}-delivered`}>{count(w.delivered)}</td>
                <td>
                  <span className="worker-bar" style={{ inlineSize: `${(100 * w.perSecond) / max}%` }} aria-hidden="true" />
                  {count(w.perSecond)}/s
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">
                {list.length} worker{list.length === 1 ? "" : "s"}
              </th>
              <td />
              <td data-testid={`lane-${lane}-workers-total`}>{count(total)}/s</td>
            </tr>
          </tfoot>
        </table>
      )}
      <p className="help" data-testid={`lane-${lane}-processed-twice`}>
        Processed more than once: {count(processedTwice ?? 0)}
        {(processedTwice ?? 0) > 0 ? " (acked, then delivered again: at-least-once, so processing must be idempotent)" : ""}
      </p>
    </section>
  );
});
