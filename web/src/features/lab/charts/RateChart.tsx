import { LANE_INFO } from "../../../lab/defaults.ts";
import type { LaneId } from "../../../lab/protocol.ts";
import { ChartFrame } from "./ChartFrame.tsx";
import { rateLabel } from "./labels.ts";
import { LinePlot, type Series } from "./LinePlot.tsx";
import { lastOf, sumOf, type RateKey, type RateRow } from "./rows.ts";
import { CHART_HEIGHT, COLORS, laneColor } from "./theme.ts";

export type RateChartKind = "throughput" | "duplicates" | "redeliveries";

interface KindInfo {
  title: string;
  subject: string;
  /** Series key → the data attribute carrying its sum (what the e2e tests compare with the counters). */
  sums: Partial<Record<RateKey, string>>;
  series: (lane: LaneId) => Series[];
}

const KINDS: Record<RateChartKind, KindInfo> = {
  throughput: {
    title: "Published vs delivered /s",
    subject: "Published and delivered",
    sums: { published: "published-sum", delivered: "delivered-sum" },
    series: (lane) => [
      { key: "published", name: "published", color: COLORS.published, dashed: true },
      { key: "delivered", name: "delivered", color: laneColor(lane) },
    ],
  },
  duplicates: {
    title: "Duplicates rejected /s",
    subject: "Duplicates rejected",
    sums: { duplicatesRejected: "duplicates-sum" },
    series: () => [{ key: "duplicatesRejected", name: "duplicates rejected", color: COLORS.duplicates }],
  },
  redeliveries: {
    title: "Redeliveries /s",
    subject: "Redeliveries",
    sums: { redelivered: "redelivered-sum" },
    series: () => [{ key: "redelivered", name: "redelivered", color: COLORS.redelivered }],
  },
};

/** One lane's per-second series of one kind; `version` changes only when a second completes. */
export function RateChart({ lane, kind, rows, version }: { lane: LaneId; kind: RateChartKind; rows: RateRow[]; version: string }) {
  const info = KINDS[kind];
  const series = info.series(lane);
  const data: Record<string, number> = {};
  for (const [key, attr] of Object.entries(info.sums) as [RateKey, string][]) data[attr] = sumOf(rows, key);
  const label = rateLabel(
    `${LANE_INFO[lane].title}: ${info.subject.toLowerCase()}`,
    rows.length,
    series.map((s) => ({ name: s.name, last: lastOf(rows, s.key as RateKey), sum: sumOf(rows, s.key as RateKey) })),
  );
  return (
    <ChartFrame title={info.title} testId={`chart-${lane}-${kind}`} label={label} points={rows.length} data={data}>
      <LinePlot rows={rows} series={series} height={CHART_HEIGHT} version={version} />
    </ChartFrame>
  );
}
