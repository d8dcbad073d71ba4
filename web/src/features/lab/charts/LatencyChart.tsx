import { laneTitle } from "../../../lab/contract/modes/index.ts";
import type { LaneView } from "../../../lab/contract/protocol.ts";
import { ChartFrame } from "./ChartFrame.tsx";
import { historyRows } from "./history.ts";
import { atLabel, latencyLabel } from "./labels.ts";
import { isLaneRestart, latencyValues } from "./latency.ts";
import { LinePlot, type Series } from "./LinePlot.tsx";
import type { Marks } from "./marks.ts";
import { formatMs, formatMsTick } from "./rows.ts";
import { CHART_HEIGHT, COLORS, DOTTED, laneColor } from "./theme.ts";
import { useSampledHistory } from "./useSampledHistory.ts";

/**
 * p50 and p99 latency, sampled once per second on the client (the snapshot has no latency history), on
 * a log axis: a p50 of a few ms stays apart from a p99 of seconds instead of lying flat on the floor.
 */
export function LatencyChart({ lane, marks, marksKey = "" }: { lane: LaneView; marks?: Marks; marksKey?: string }) {
  const history = useSampledHistory(lane.metrics.atMs, latencyValues(lane), isLaneRestart);
  const rows = historyRows(history);
  const series: Series[] = [
    { key: "p50", name: "p50", color: laneColor(lane.id), width: 2.5 },
    { key: "p99", name: "p99", color: COLORS.p99, dash: DOTTED, width: 3.5 },
  ];
  const last = history.at(-1)?.values;
  const version = `${lane.id}:${history.length}:${history[0]?.second}:${JSON.stringify(last)}:${marksKey}`;
  const describe = (x: number) => {
    const row = rows.find((r) => r.x === x);
    return atLabel(
      x,
      series.map((s) => ({
        name: s.name,
        value: formatMs(row ? ((row as unknown as Record<string, number | null>)[s.key] ?? null) : null),
      })),
      marks?.marks.filter((m) => Math.abs(m.x - x) <= 1).map((m) => m.text),
    );
  };
  return (
    <ChartFrame
      title="Latency (ms, log scale)"
      testId={`chart-${lane.id}-latency`}
      label={latencyLabel(laneTitle(lane.id), rows.length, last?.p50 ?? null, last?.p99 ?? null)}
      points={rows.length}
      data={{ "p50-last": last?.p50 ?? null, "p99-last": last?.p99 ?? null }}
      hover={{ group: lane.id, xs: rows.map((r) => r.x), describe }}
    >
      <LinePlot
        rows={rows}
        series={series}
        height={CHART_HEIGHT}
        version={version}
        group={lane.id}
        formatY={formatMsTick}
        formatValue={formatMs}
        scale="log"
        marks={marks}
      />
    </ChartFrame>
  );
}
