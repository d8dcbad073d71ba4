import type { LaneView } from "../../../lab/protocol.ts";
import { LatencyChart } from "./LatencyChart.tsx";
import { RateChart } from "./RateChart.tsx";
import { rateRows, rowsVersion } from "./rows.ts";

/**
 * One lane's live charts over the last 60 s: published vs delivered per second, duplicates rejected
 * (dedupe lane), redeliveries (durable lane) and latency. Renders from the snapshot only (≤ 10 Hz).
 */
export function LaneCharts({ lane }: { lane: LaneView }) {
  const rows = rateRows(lane.metrics.rates, lane.metrics.atMs);
  const version = `${lane.id}:${rowsVersion(rows, Math.floor(lane.metrics.atMs / 1000))}:${JSON.stringify(rows.at(-1))}`;
  return (
    <div className="lab-charts">
      <RateChart lane={lane.id} kind="throughput" rows={rows} version={version} />
      {lane.id === "dedupe" && <RateChart lane={lane.id} kind="duplicates" rows={rows} version={version} />}
      {lane.id === "durable" && <RateChart lane={lane.id} kind="redeliveries" rows={rows} version={version} />}
      <LatencyChart lane={lane} />
    </div>
  );
}

/** Only published vs delivered: the chart the projector keeps in view (presenter mode). */
export function LaneThroughputChart({ lane }: { lane: LaneView }) {
  const rows = rateRows(lane.metrics.rates, lane.metrics.atMs);
  const version = `${lane.id}:${rowsVersion(rows, Math.floor(lane.metrics.atMs / 1000))}:${JSON.stringify(rows.at(-1))}`;
  return <RateChart lane={lane.id} kind="throughput" rows={rows} version={version} />;
}
