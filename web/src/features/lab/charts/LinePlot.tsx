import {
  lazy,
  memo,
  Suspense,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type PointerEvent,
  type ReactNode,
  type RefObject,
} from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { nearestX, setHover, useHover } from "./hover.ts";
import type { Marks } from "./marks.ts";
import { formatCount, formatRelativeSeconds } from "./rows.ts";
import { maxOf } from "./scale.ts";
import type { Marker, Series } from "./theme.ts";
import { fitCount, linearAxis, logAxis, logFraction, spreadLabels, timeTicks } from "./ticks.ts";
import { X_DOMAIN } from "./theme.ts";

export type { Series } from "./theme.ts";

interface Props {
  rows: readonly object[];
  series: readonly Series[];
  height: number;
  /** Changes exactly when rows, series or marks change: the plot skips the other renders (snapshots at 10 Hz). */
  version: string;
  /** Charts with the same group share the crosshair (one lane's charts). */
  group: string;
  /** Tick labels. */
  formatY?: (value: number) => string;
  /** Values in the hover readout. */
  formatValue?: (value: number | null) => string;
  scale?: "linear" | "log";
  /** Whole numbers only (counts): the axis never shows half steps. */
  counts?: boolean;
  marks?: Marks;
  /** Labels at the line ends (the combined chart, where lines meet and cross). */
  endLabels?: boolean;
}

const [X0, X1] = X_DOMAIN;
const WIDTH = X1 - X0;
/** A/B measurement only (scripts/bench/charts-ab.ts): `?charts=svg` draws the previous SVG plots. */
const LEGACY = typeof location !== "undefined" && new URLSearchParams(location.search).get("charts") === "svg";
const SvgLinePlot = lazy(() => import("./SvgLinePlot.tsx"));

const formatTick = (v: number): string => (Number.isInteger(v) ? formatCount(v) : v.toLocaleString("en", { maximumFractionDigits: 2 }));
const pct = (f: number) => `${(f * 100).toFixed(3)}%`;
const xFrac = (x: number) => Math.min(1, Math.max(0, (x - X0) / WIDTH));

interface Box {
  width: number;
  height: number;
  /** The plot's font size in px: the label fitting's unit. */
  font: number;
}

/** The plot area's size and font, kept up to date by a ResizeObserver. */
function useBox(ref: RefObject<HTMLElement | null>): Box {
  const [box, setBox] = useState<Box>({ width: 0, height: 0, font: 14 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = () => {
      const font = parseFloat(getComputedStyle(el).fontSize) || 14;
      const next = { width: Math.round(el.clientWidth), height: Math.round(el.clientHeight), font };
      setBox((b) => (b.width === next.width && b.height === next.height && b.font === next.font ? b : next));
    };
    read();
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return box;
}

/** Bumps when the theme (light/dark) changes, so the canvas picks up the new colours. */
function useThemeKey(): string {
  const [theme, setTheme] = useState(() => (typeof document === "undefined" ? "" : (document.documentElement.dataset.theme ?? "")));
  useEffect(() => {
    const mo = new MutationObserver(() => setTheme(document.documentElement.dataset.theme ?? ""));
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    return () => mo.disconnect();
  }, []);
  return theme;
}

/** A CSS colour, resolving `var(--x, fallback)` against the element (a canvas needs real colours). */
function resolveColor(el: Element, color: string): string {
  const m = /^var\((--[\w-]+)(?:,\s*(.+))?\)$/.exec(color.trim());
  if (!m) return color;
  const value = getComputedStyle(el)
    .getPropertyValue(m[1] as string)
    .trim();
  if (value) return value;
  return m[2] ? resolveColor(el, m[2]) : "#777";
}

const dashArray = (dash: string | undefined): number[] | undefined => (dash ? dash.split(/[\s,]+/).map(Number) : undefined);

/** A small shape for a series' end and its legend entry; the same shape per lane everywhere. */
export function MarkerIcon({ marker, color, size = 10 }: { marker: Marker; color: string; size?: number }) {
  const h = size / 2;
  const shape: Record<Marker, ReactNode> = {
    circle: <circle cx={h} cy={h} r={h * 0.8} />,
    square: <rect x={size * 0.12} y={size * 0.12} width={size * 0.76} height={size * 0.76} />,
    triangle: <polygon points={`${h},${size * 0.05} ${size * 0.95},${size * 0.92} ${size * 0.05},${size * 0.92}`} />,
    diamond: <polygon points={`${h},0 ${size},${h} ${h},${size} 0,${h}`} />,
    cross: <path d={`M1 1L${size - 1} ${size - 1}M${size - 1} 1L1 ${size - 1}`} strokeWidth={2.5} stroke={color} />,
  };
  return (
    <svg className="lab-marker" width={size} height={size} viewBox={`0 0 ${size} ${size}`} fill={color} aria-hidden="true">
      {shape[marker]}
    </svg>
  );
}

function Swatch({ s }: { s: Series }) {
  return (
    <svg className="lab-swatch" width="26" height="10" aria-hidden="true">
      <line
        x1="1"
        x2={s.marker ? 17 : 25}
        y1="5"
        y2="5"
        stroke={s.color}
        strokeWidth="3"
        strokeDasharray={s.dash}
        strokeLinecap={s.dash === "0.5 5" ? "round" : "butt"}
      />
      {s.marker && (
        <g transform="translate(17 1)">
          <MarkerIcon marker={s.marker} color={s.color} size={8} />
        </g>
      )}
    </svg>
  );
}

/** The series lines on a uPlot canvas sized to the plot area; axes, grid and marks are HTML around it. */
function Lines({
  data,
  series,
  range,
  log,
  box,
}: {
  data: uPlot.AlignedData;
  series: readonly Series[];
  range: [number, number];
  log: boolean;
  box: Box;
}) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const rangeRef = useRef(range);
  const theme = useThemeKey();
  const styleKey = series.map((s) => `${s.key}|${s.color}|${s.dash ?? ""}|${s.width ?? ""}`).join(";");
  const ready = box.width > 0 && box.height > 0;

  useEffect(() => {
    const el = host.current;
    if (!el || !ready) return;
    const opts: uPlot.Options = {
      width: box.width,
      height: box.height,
      padding: [0, 0, 0, 0],
      legend: { show: false },
      cursor: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      axes: [{ show: false }, { show: false }],
      scales: {
        x: { time: false, auto: false, range: [X0, X1] },
        y: log ? { distr: 3, log: 10, range: () => rangeRef.current } : { range: () => rangeRef.current },
      },
      series: [
        {},
        ...series.map((s) => ({
          label: s.name,
          stroke: resolveColor(el, s.color),
          width: s.width ?? 2.5,
          ...(s.dash && { dash: dashArray(s.dash) }),
          ...(s.dash === "0.5 5" && { cap: "round" as CanvasLineCap }),
          points: { show: false },
          spanGaps: true,
        })),
      ],
      hooks: {
        draw: [
          (u) => {
            // What was drawn, for the tests: series with two or more points inside the window.
            const drawn = u.data
              .slice(1)
              .filter((ys) => Array.from(ys as ArrayLike<number | null | undefined>).filter((v) => v != null).length >= 2).length;
            el.dataset.drawn = String(drawn);
          },
        ],
      },
    };
    const u = new uPlot(opts, data, el);
    plot.current = u;
    return () => {
      u.destroy();
      plot.current = null;
    };
    // Rebuilt only when what a line looks like changes; data and size go through setData/setSize below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [styleKey, log, theme, ready]);

  useEffect(() => {
    const u = plot.current;
    if (u && (u.width !== box.width || u.height !== box.height)) u.setSize({ width: box.width, height: box.height });
  }, [box.width, box.height]);

  useEffect(() => {
    rangeRef.current = range;
    plot.current?.setData(data);
    // The range is a fresh array each render: its ends are what matters (a hover must not redraw).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, range[0], range[1]]);

  return <div ref={host} className="lab-plot-canvas" data-series={series.map((s) => s.key).join(" ")} />;
}

/**
 * Lines over the −60 s … 0 window. uPlot draws the series on a canvas (measured against the previous
 * SVG paths in scripts/bench/charts-ab.ts); the axis labels, grid, fault marks, crosshair and readout
 * are HTML laid over it, so text never stretches, labels are fitted to the real size and font, and
 * the tests can measure them. Ticks are 1/2/5 × 10^n; latency uses a log axis.
 */
function LinePlotBody({
  rows,
  series,
  height,
  group,
  formatY = formatTick,
  formatValue = formatCount,
  scale = "linear",
  counts = false,
  marks,
  endLabels = false,
}: Props) {
  const area = useRef<HTMLDivElement>(null);
  const box = useBox(area);
  const hover = useHover(group);
  const data = rows as readonly Record<string, number | null>[];
  const keys = series.map((s) => s.key);
  const log = scale === "log";

  // As many y labels as fit the height with a line between them; x labels as fit the width.
  const maxSteps = Math.min(5, fitCount(box.height || height * 0.6, box.font * 1.2, box.font * 0.5) - 1);
  const xTicks = timeTicks(WIDTH, Math.min(7, fitCount(box.width || 240, box.font * 3.4, box.font * 1.2)));
  let yTicks: number[];
  let range: [number, number];
  let yFrac: (v: number) => number;
  if (log) {
    let min = Infinity;
    for (const r of data) for (const k of keys) if ((r[k] ?? 0) > 0) min = Math.min(min, r[k] as number);
    const axis = logAxis(min, maxOf(data, keys), maxSteps);
    yTicks = axis.ticks;
    range = [axis.lo, axis.hi];
    yFrac = (v) => logFraction(v, axis.lo, axis.hi);
  } else {
    const axis = linearAxis(maxOf(data, keys), maxSteps, counts ? 1 : 0);
    yTicks = axis.ticks;
    range = [0, axis.top];
    yFrac = (v) => Math.min(1, Math.max(0, v / axis.top));
  }
  const rangeKey = `${range[0]}:${range[1]}`;
  const keyList = keys.join(",");
  // Rows to uPlot's columns, recomputed only when the rows or the range change (not on hover).
  const aligned = useMemo<uPlot.AlignedData>(
    () => [
      data.map((r) => r.x ?? 0),
      ...series.map((s) =>
        data.map((r) => {
          const v = r[s.key];
          if (v === null || v === undefined) return null;
          return log ? Math.max(range[0], v) : Math.max(0, v);
        }),
      ),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, keyList, rangeKey],
  );

  if (LEGACY)
    return (
      <Suspense fallback={<div style={{ height }} />}>
        <SvgLinePlot rows={rows} series={series} height={height} formatY={formatY} />
      </Suspense>
    );

  const xs = data.map((r) => r.x as number);
  const hx = hover.x === null ? null : nearestX(xs, hover.x);
  const hoverRow = hx === null ? undefined : data.find((r) => r.x === hx);
  const last = data.at(-1);
  const ends = series
    .map((s) => ({ s, v: last?.[s.key] ?? null }))
    .filter((e): e is { s: Series; v: number } => e.v !== null && last !== undefined);
  const lineH = box.font * 1.3;
  const endTops = spreadLabels(
    ends.map((e) => (1 - yFrac(e.v)) * box.height),
    lineH,
    Math.max(box.height, lineH * ends.length),
  );
  const nearMarks = hx === null || !marks ? [] : marks.marks.filter((m) => Math.abs(m.x - hx) <= 1.5);

  const onPointer = (e: PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    if (r.width <= 0) return;
    const x = X0 + ((e.clientX - r.left) / r.width) * WIDTH;
    setHover(group, { x: nearestX(xs, x) });
  };
  const leave = () => {
    if (hover.focused === null) setHover(group, { x: null });
  };

  return (
    <div className={`lab-plot lab-plot-v2${endLabels ? " has-end-labels" : ""}`} style={{ height }} data-scale={scale}>
      <div className="lab-plot-y" aria-hidden="true">
        <div className="lab-plot-sizer">{yTicks.reduce((a, t) => (formatY(t).length > a.length ? formatY(t) : a), "")}</div>
        {yTicks.map((t) => (
          <span key={t} className="lab-tick lab-tick-y" data-value={t} style={{ bottom: pct(yFrac(t)) }}>
            {formatY(t)}
          </span>
        ))}
      </div>
      <div ref={area} className="lab-plot-area" aria-hidden="true" onPointerMove={onPointer} onPointerLeave={leave}>
        {yTicks.map((t) => (
          <div key={`y${t}`} className="lab-grid lab-grid-y" style={{ bottom: pct(yFrac(t)) }} />
        ))}
        {xTicks.map((x) => (
          <div key={`x${x}`} className="lab-grid lab-grid-x" style={{ left: pct(xFrac(x)) }} />
        ))}
        {marks?.bands.map((b, i) => (
          <div
            key={`b${i}`}
            className={`lab-outage${b.open ? " open" : ""}`}
            data-lane={b.lane}
            title={b.text}
            style={{ left: pct(xFrac(b.from)), width: pct(Math.max(0.004, xFrac(b.to) - xFrac(b.from))) }}
          />
        ))}
        <Lines data={aligned} series={series} range={range} log={log} box={box} />
        {marks?.marks.map((m, i) => (
          <div key={`m${i}`} className="lab-mark" data-kind={m.kind} data-lane={m.lane} title={m.text} style={{ left: pct(xFrac(m.x)) }}>
            <span className="lab-mark-flag">{m.kind === "outage" ? "✕" : m.kind === "back" ? "✓" : "!"}</span>
          </div>
        ))}
        {ends.map(({ s, v }) =>
          s.marker ? (
            <span key={`e${s.key}`} className="lab-end-marker" style={{ left: pct(xFrac(last?.x ?? 0)), bottom: pct(yFrac(v)) }}>
              <MarkerIcon marker={s.marker} color={s.color} size={12} />
            </span>
          ) : null,
        )}
        {hx !== null && hoverRow && (
          <>
            <div className="lab-crosshair" data-x={hx} style={{ left: pct(xFrac(hx)) }} />
            <div
              className={`lab-readout${xFrac(hx) > 0.5 ? " left" : ""}`}
              data-x={hx}
              style={xFrac(hx) > 0.5 ? { right: pct(1 - xFrac(hx)) } : { left: pct(xFrac(hx)) }}
            >
              <div className="lab-readout-x">{formatRelativeSeconds(hx)}</div>
              {series.map((s) => (
                <div key={s.key} className="lab-readout-row" data-series={s.key} data-value={hoverRow[s.key] ?? ""}>
                  <Swatch s={s} />
                  <span>{s.name}</span>
                  <b>{formatValue(hoverRow[s.key] ?? null)}</b>
                </div>
              ))}
              {nearMarks.map((m, i) => (
                <div key={`n${i}`} className="lab-readout-mark" data-kind={m.kind}>
                  {m.text}
                </div>
              ))}
            </div>
          </>
        )}
      </div>
      {endLabels && (
        <div className="lab-plot-ends" aria-hidden="true">
          <div className="lab-plot-sizer">
            <MarkerIcon marker="circle" color="transparent" />
            {series.reduce((a, s) => (s.name.length > a.length ? s.name : a), "")}
          </div>
          {ends.map(({ s }, i) => (
            <span key={s.key} className="lab-end-label" data-series={s.key} style={{ top: `${endTops[i]}px` }}>
              {s.marker && <MarkerIcon marker={s.marker} color={s.color} />}
              {s.name}
            </span>
          ))}
        </div>
      )}
      <div className="lab-plot-x" aria-hidden="true">
        {xTicks.map((x, i) => (
          <span
            key={x}
            className={`lab-tick lab-tick-x${i === 0 ? " first" : i === xTicks.length - 1 ? " last" : ""}`}
            data-value={x}
            style={{ left: pct(xFrac(x)) }}
          >
            {formatRelativeSeconds(x)}
          </span>
        ))}
      </div>
      <ul className="lab-plot-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key} data-series={s.key}>
            <Swatch s={s} />
            {s.name}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const LinePlot = memo(LinePlotBody, (a, b) => a.version === b.version && a.height === b.height && a.group === b.group);
