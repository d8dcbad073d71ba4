import { isLaneId, laneTitle } from "../../../lab/contract/modes/index.ts";
import type { EngineSnapshot } from "../../../lab/contract/protocol.ts";
import { ChartFrame } from "./ChartFrame.tsx";
import { combinedValues, isCombinedRestart, lanesOf } from "./combined.ts";
import { historyRows } from "./history.ts";
import { atLabel, combinedLabel } from "./labels.ts";
import { LinePlot, type Series } from "./LinePlot.tsx";
import { eventMarks, mergeMarks } from "./marks.ts";
import { formatCount } from "./rows.ts";
import { COLORS, COMBINED_CHART_HEIGHT, DASHED, laneStyle } from "./theme.ts";
import { useSampledHistory } from "./useSampledHistory.ts";

const titleOf = (id: string): string => (isLaneId(id) ? laneTitle(id) : id);

/**
 * Every running lane's cumulative deliveries against what the producer sent, over the last 60 s,
 * sampled once per second of the snapshot clock. After a stop it keeps showing the last run. Each lane
 * has its own dash and end marker and a label at its line's end, so lines that meet stay told apart.
 */
export function CombinedChart({ snapshot }: { snapshot: EngineSnapshot }) {
  const history = useSampledHistory(snapshot.at, combinedValues(snapshot), isCombinedRestart);
  const rows = historyRows(history);
  const last = history.at(-1)?.values;
  const lanes = lanesOf(last);
  const series: Series[] = [
    { key: "published", name: "published", color: COLORS.published, dash: DASHED, width: 3 },
    ...lanes.map((id) => ({ key: id, name: titleOf(id), ...laneStyle(id), width: 2.5 })),
  ];
  const data: Record<string, number | null> = { "published-last": last?.published ?? null };
  for (const id of lanes) data[`delivered-last-${id}`] = last?.[id] ?? null;
  const label = combinedLabel(
    rows.length,
    last?.published ?? null,
    lanes.map((id) => ({ title: titleOf(id), delivered: last?.[id] ?? null })),
  );
  const marks = mergeMarks(
    Object.values(snapshot.lanes)
      .filter((l) => l !== undefined)
      .map((l) =>
        eventMarks(
          (l.events ?? []).map((e) => ({ ...e, text: `${titleOf(l.id)}: ${e.text}` })),
          snapshot.at,
          l.id,
        ),
      ),
  );
  const marksKey =
    marks.marks.length || marks.bands.length ? `${Math.floor(snapshot.at / 1000)}:${marks.marks.length}:${marks.bands.length}` : "";
  const version = `${lanes.join(",")}:${history.length}:${history[0]?.second}:${JSON.stringify(last)}:${marksKey}`;
  const describe = (x: number) => {
    const row = rows.find((r) => r.x === x) as Record<string, number | null> | undefined;
    return atLabel(
      x,
      series.map((s) => ({ name: s.name, value: formatCount(row?.[s.key] ?? null) })),
      marks.marks.filter((m) => Math.abs(m.x - x) <= 1).map((m) => m.text),
    );
  };
  return (
    <ChartFrame
      className="lab-combined-chart"
      title="Delivered per lane vs published (cumulative)"
      testId="chart-combined"
      label={label}
      points={rows.length}
      data={data}
      hover={{ group: "combined", xs: rows.map((r) => r.x), describe }}
    >
      <LinePlot
        rows={rows}
        series={series}
        height={COMBINED_CHART_HEIGHT}
        version={version}
        group="combined"
        counts
        marks={marks}
        endLabels
      />
    </ChartFrame>
  );
}
