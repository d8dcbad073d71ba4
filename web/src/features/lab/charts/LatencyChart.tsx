import { LANE_INFO } from "../../../lab/defaults.ts";
import type { LaneView } from "../../../lab/protocol.ts";
import { ChartFrame } from "./ChartFrame.tsx";
import { historyRows } from "./history.ts";
import { latencyLabel } from "./labels.ts";
import { isLaneRestart, latencyValues } from "./latency.ts";
import { LinePlot, type Series } from "./LinePlot.tsx";
import { formatMs } from "./rows.ts";
import { CHART_HEIGHT, COLORS, laneColor } from "./theme.ts";
import { useSampledHistory } from "./useSampledHistory.ts";

/** p50 and p99 latency, sampled once per second on the client (the snapshot has no latency history). */
export function LatencyChart({ lane }: { lane: LaneView }) {
  const history = useSampledHistory(lane.metrics.atMs, latencyValues(lane), isLaneRestart);
  const rows = historyRows(history);
  const series: Series[] = [
    { key: "p50", name: "p50", color: laneColor(lane.id) },
    { key: "p99", name: "p99", color: COLORS.p99, dashed: true },
  ];
  const last = history.at(-1)?.values;
  const version = `${lane.id}:${history.length}:${history[0]?.second}:${JSON.stringify(last)}`;
  return (
    <ChartFrame
      title="Latency (ms)"
      testId={`chart-${lane.id}-latency`}
      label={latencyLabel(LANE_INFO[lane.id].title, rows.length, last?.p50 ?? null, last?.p99 ?? null)}
      points={rows.length}
      data={{ "p50-last": last?.p50 ?? null, "p99-last": last?.p99 ?? null }}
    >
      <LinePlot rows={rows} series={series} height={CHART_HEIGHT} version={version} formatY={formatMs} />
    </ChartFrame>
  );
}
