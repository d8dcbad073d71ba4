import { memo } from "react";
import { formatCount, formatRelativeSeconds } from "./rows.ts";
import { linePath, maxOf, niceCeiling, yTicks } from "./scale.ts";
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
}

const [X0, X1] = X_DOMAIN;
/** Axis labels: whole counts with separators, quarter steps (2.5, 7.5) with their decimal. */
const formatTick = (v: number): string => (Number.isInteger(v) ? formatCount(v) : v.toLocaleString("en", { maximumFractionDigits: 2 }));
const WIDTH = X1 - X0;

/**
 * Lines over the −60 s … 0 window, drawn as plain SVG paths. Measured in the lab: eleven recharts
 * charts cost a 1.4–2.8 s main-thread task when the lanes start and 0.2–1 s every second after;
 * these plots cost next to nothing, so the page stays smooth while the lanes run flat out.
 * The SVG stretches to its box (viewBox x = seconds, y = 0…100 %); lines keep their width through
 * `vector-effect`, and the axis labels are HTML so text never stretches.
 */
function LinePlotBody({ rows, series, height, formatY = formatTick }: Props) {
  const data = rows as readonly Record<string, number | null>[];
  const top = niceCeiling(
    maxOf(
      data,
      series.map((s) => s.key),
    ),
  );
  const ticks = yTicks(top);
  return (
    <div className="lab-plot" style={{ height }}>
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
            strokeWidth={s.dashed ? 2.5 : 2}
            strokeDasharray={s.dashed ? DASHED : undefined}
          />
        ))}
      </svg>
      <div className="lab-plot-x" aria-hidden="true">
        {X_TICKS.map((x) => (
          <span key={x}>{formatRelativeSeconds(x)}</span>
        ))}
      </div>
      <ul className="lab-plot-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key}>
            <svg width="22" height="8">
              <line x1="0" x2="22" y1="4" y2="4" stroke={s.color} strokeWidth="2.5" strokeDasharray={s.dashed ? DASHED : undefined} />
            </svg>
            {s.name}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const LinePlot = memo(LinePlotBody, (a, b) => a.version === b.version && a.height === b.height);
