import { LANE_INFO } from "../../../lab/defaults.ts";
import type { EngineSnapshot } from "../../../lab/protocol.ts";
import { ChartFrame } from "./ChartFrame.tsx";
import { combinedValues, isCombinedRestart, lanesOf } from "./combined.ts";
import { historyRows } from "./history.ts";
import { combinedLabel } from "./labels.ts";
import { LinePlot, type Series } from "./LinePlot.tsx";
import { COLORS, COMBINED_CHART_HEIGHT, laneColor } from "./theme.ts";
import { useSampledHistory } from "./useSampledHistory.ts";

/**
 * Every running lane's cumulative deliveries against what the producer sent, over the last 60 s,
 * sampled once per second of the snapshot clock. After a stop it keeps showing the last run.
 */
export function CombinedChart({ snapshot }: { snapshot: EngineSnapshot }) {
  const history = useSampledHistory(snapshot.at, combinedValues(snapshot), isCombinedRestart);
  const rows = historyRows(history);
  const last = history.at(-1)?.values;
  const lanes = lanesOf(last);
  const series: Series[] = [
    { key: "published", name: "published", color: COLORS.published, dashed: true },
    ...lanes.map((id) => ({ key: id, name: LANE_INFO[id].title, color: laneColor(id) })),
  ];
  const data: Record<string, number | null> = { "published-last": last?.published ?? null };
  for (const id of lanes) data[`delivered-last-${id}`] = last?.[id] ?? null;
  const label = combinedLabel(
    rows.length,
    last?.published ?? null,
    lanes.map((id) => ({ title: LANE_INFO[id].title, delivered: last?.[id] ?? null })),
  );
  const version = `${lanes.join(",")}:${history.length}:${history[0]?.second}:${JSON.stringify(last)}`;
  return (
    <ChartFrame
      className="lab-combined-chart"
      title="Delivered per lane vs published (cumulative)"
      testId="chart-combined"
      label={label}
      points={rows.length}
      data={data}
    >
      <LinePlot rows={rows} series={series} height={COMBINED_CHART_HEIGHT} version={version} />
    </ChartFrame>
  );
}
