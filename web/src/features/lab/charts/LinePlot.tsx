import { memo } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatRelativeSeconds } from "./rows.ts";
import { DASHED, X_DOMAIN, X_TICKS } from "./theme.ts";

export interface Series {
  key: string;
  name: string;
  color: string;
  dashed?: boolean;
}

interface Props {
  rows: readonly object[];
  series: readonly Series[];
  height: number;
  /** Changes exactly when rows or series change: the plot skips every other render (snapshots at 10 Hz). */
  version: string;
  formatY?: (value: number) => string;
  decimals?: boolean;
}

const tooltipStyle = { background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 8, color: "var(--text)" };
const legendText = (value: string) => <span className="lab-chart-legend">{value}</span>;

/** Lines over the −60 s … 0 window: no animation, no dots, linear segments (cheap to draw at 10 Hz). */
function LinePlotBody({ rows, series, height, formatY = formatCount, decimals = false }: Props) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={rows as object[]} margin={{ top: 6, right: 14, bottom: 0, left: 6 }} accessibilityLayer={false}>
        <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" />
        <XAxis
          dataKey="x"
          type="number"
          domain={X_DOMAIN}
          ticks={X_TICKS}
          allowDataOverflow
          interval={0}
          tickFormatter={formatRelativeSeconds}
          stroke="var(--muted)"
        />
        <YAxis width={56} allowDecimals={decimals} domain={[0, "auto"]} interval={0} tickFormatter={formatY} stroke="var(--muted)" />
        <Tooltip
          isAnimationActive={false}
          contentStyle={tooltipStyle}
          labelFormatter={(x) => formatRelativeSeconds(Number(x))}
          formatter={(v) => formatY(Number(v))}
        />
        <Legend formatter={legendText} itemSorter={null} />
        {series.map((s) => (
          <Line
            key={s.key}
            type="linear"
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            strokeWidth={s.dashed ? 2.5 : 2}
            strokeDasharray={s.dashed ? DASHED : undefined}
            dot={false}
            legendType="plainline"
            isAnimationActive={false}
            connectNulls
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

export const LinePlot = memo(LinePlotBody, (a, b) => a.version === b.version && a.height === b.height);
