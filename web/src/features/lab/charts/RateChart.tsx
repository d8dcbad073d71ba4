import { laneTitle } from "../../../lab/contract/modes/index.ts";
import type { LaneId } from "../../../lab/contract/protocol.ts";
import { ChartFrame } from "./ChartFrame.tsx";
import { atLabel, rateLabel } from "./labels.ts";
import { LinePlot, type Series } from "./LinePlot.tsx";
import type { Marks } from "./marks.ts";
import { formatCount, lastOf, sumOf, type RateKey, type RateRow } from "./rows.ts";
import { CHART_HEIGHT, COLORS, DASHED, laneColor } from "./theme.ts";

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
      { key: "published", name: "published", color: COLORS.published, dash: DASHED },
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

const perSecond = (v: number | null): string => (v === null ? "–" : `${formatCount(v)}/s`);

/** One lane's per-second series of one kind; `version` changes only when a second completes. */
export function RateChart({
  lane,
  kind,
  rows,
  version,
  marks,
}: {
  lane: LaneId;
  kind: RateChartKind;
  rows: RateRow[];
  version: string;
  marks?: Marks;
}) {
  const info = KINDS[kind];
  const series = info.series(lane);
  const data: Record<string, number> = {};
  for (const [key, attr] of Object.entries(info.sums) as [RateKey, string][]) data[attr] = sumOf(rows, key);
  const title = laneTitle(lane);
  const label = rateLabel(
    `${title}: ${info.subject.toLowerCase()}`,
    rows.length,
    series.map((s) => ({ name: s.name, last: lastOf(rows, s.key as RateKey), sum: sumOf(rows, s.key as RateKey) })),
  );
  const describe = (x: number) => {
    const row = rows.find((r) => r.x === x);
    return atLabel(
      x,
      series.map((s) => ({ name: s.name, value: row ? `${formatCount(row[s.key as RateKey])} per second` : "–" })),
      marks?.marks.filter((m) => Math.abs(m.x - x) <= 1).map((m) => m.text),
    );
  };
  return (
    <ChartFrame
      title={info.title}
      testId={`chart-${lane}-${kind}`}
      label={label}
      points={rows.length}
      data={data}
      hover={{ group: lane, xs: rows.map((r) => r.x), describe }}
    >
      <LinePlot
        rows={rows}
        series={series}
        height={CHART_HEIGHT}
        version={version}
        group={lane}
        formatValue={perSecond}
        counts
        marks={marks}
      />
    </ChartFrame>
  );
}
