// The lab's previous charts (plain SVG paths, HTML axis labels), kept only as the A side of
// scripts/bench/charts-ab.ts: loaded with `?charts=svg`, never otherwise.
import { formatCount, formatRelativeSeconds } from "./rows.ts";
import { linePath, maxOf, niceCeiling, yTicks } from "./scale.ts";
import type { Series } from "./theme.ts";

const X0 = -60;
const WIDTH = 60;
const X_TICKS = [-60, -45, -30, -15, 0];
const formatTick = (v: number): string => (Number.isInteger(v) ? formatCount(v) : v.toLocaleString("en", { maximumFractionDigits: 2 }));

export default function SvgLinePlot({
  rows,
  series,
  height,
  formatY = formatTick,
}: {
  rows: readonly object[];
  series: readonly Series[];
  height: number;
  formatY?: (value: number) => string;
}) {
  const data = rows as readonly Record<string, number | null>[];
  const top = niceCeiling(
    maxOf(
      data,
      series.map((s) => s.key),
    ),
  );
  const ticks = yTicks(top);
  return (
    <div className="lab-plot lab-plot-legacy" style={{ height }}>
      <div className="lab-plot-y" aria-hidden="true">
        {ticks.map((t) => (
          <span key={t} style={{ bottom: `${(t / top) * 100}%` }}>
            {formatY(t)}
          </span>
        ))}
      </div>
      <svg className="lab-plot-area" viewBox={`0 0 ${WIDTH} 100`} preserveAspectRatio="none" aria-hidden="true">
        {ticks.map((t) => (
          <line key={`y${t}`} className="lab-plot-grid" x1={0} x2={WIDTH} y1={100 - (t / top) * 100} y2={100 - (t / top) * 100} />
        ))}
        {X_TICKS.map((x) => (
          <line key={`x${x}`} className="lab-plot-grid" x1={x - X0} x2={x - X0} y1={0} y2={100} />
        ))}
        {series.map((s) => (
          <path
            key={s.key}
            className="lab-line"
            data-series={s.key}
            d={linePath(data, s.key, top, X0)}
            stroke={s.color}
            strokeWidth={s.dash ? 2.5 : 2}
            strokeDasharray={s.dash ? "6 4" : undefined}
          />
        ))}
      </svg>
      <div className="lab-plot-x lab-plot-x-legacy" aria-hidden="true">
        {X_TICKS.map((x) => (
          <span key={x}>{formatRelativeSeconds(x)}</span>
        ))}
      </div>
      <ul className="lab-plot-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key}>
            <svg width="22" height="8">
              <line x1="0" x2="22" y1="4" y2="4" stroke={s.color} strokeWidth="2.5" strokeDasharray={s.dash ? "6 4" : undefined} />
            </svg>
            {s.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
