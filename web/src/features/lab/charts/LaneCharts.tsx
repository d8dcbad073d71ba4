import { modeOf } from "../../../lab/contract/modes/index.ts";
import type { LaneView } from "../../../lab/contract/protocol.ts";
import { LatencyChart } from "./LatencyChart.tsx";
import { eventMarks, type Marks } from "./marks.ts";
import { RateChart } from "./RateChart.tsx";
import { rateRows, rowsVersion } from "./rows.ts";

/** The lane's events as marks, and a key that changes when they do (part of the plots' versions). */
function laneMarks(lane: LaneView): { marks: Marks; key: string } {
  const marks = eventMarks(lane.events ?? [], lane.metrics.atMs);
  const key = `${Math.floor(lane.metrics.atMs / 1000)}:${(lane.events ?? []).length}:${lane.events?.at(-1)?.at ?? ""}`;
  return { marks, key: marks.marks.length || marks.bands.length ? key : "" };
}

/**
 * One lane's live charts over the last 60 s: published vs delivered per second, duplicates rejected
 * and redeliveries where the lane's mode has them, and latency, with the lane's connection and consumer
 * events marked on the time axis. They share one crosshair. Renders from the snapshot only (≤ 10 Hz).
 */
export function LaneCharts({ lane }: { lane: LaneView }) {
  const rows = rateRows(lane.metrics.rates, lane.metrics.atMs);
  const { marks, key } = laneMarks(lane);
  const version = `${lane.id}:${rowsVersion(rows, Math.floor(lane.metrics.atMs / 1000))}:${JSON.stringify(rows.at(-1))}:${key}`;
  return (
    <div className="lab-charts">
      {modeOf(lane.id).charts.map((kind) =>
        kind === "latency" ? (
          <LatencyChart key={kind} lane={lane} marks={marks} marksKey={key} />
        ) : (
          <RateChart key={kind} lane={lane.id} kind={kind} rows={rows} version={version} marks={marks} />
        ),
      )}
    </div>
  );
}

/** Only published vs delivered: the chart the projector keeps in view (presenter mode). */
export function LaneThroughputChart({ lane }: { lane: LaneView }) {
  const rows = rateRows(lane.metrics.rates, lane.metrics.atMs);
  const { marks, key } = laneMarks(lane);
  const version = `${lane.id}:${rowsVersion(rows, Math.floor(lane.metrics.atMs / 1000))}:${JSON.stringify(rows.at(-1))}:${key}`;
  return <RateChart lane={lane.id} kind="throughput" rows={rows} version={version} marks={marks} />;
}
