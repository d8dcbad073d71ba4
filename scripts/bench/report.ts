// The benchmark's result and its Markdown rendering (docs/benchmarks.md). Pure: unit-tested.
import type { BaselineOp } from "../../web/src/nats/baselines.ts";
import { BASELINE_INFO } from "../../web/src/nats/baselines.ts";
import { fmt, median, table, trend, verdict, type Smoothness, type Spread, type Trend } from "./stats.ts";

/** os.loadavg() (1, 5 and 15 minutes) taken as a figure was measured: one triple per run or sample. */
export type LoadAverages = number[][];

export interface LanePair {
  /** Which side ran first in this pair: pairs alternate (A B, B A, …). */
  order: "baseline-first" | "lane-first";
  baselinePerSecond: number;
  lanePerSecond: number;
  ratio: number;
  /** os.loadavg() after the pair. */
  loadAverage: number[];
}

export interface LaneResult {
  lane: string;
  baseline: BaselineOp;
  count: number;
  pairs: LanePair[];
  ratio: Spread;
}

export interface MemorySample {
  atSeconds: number;
  mainHeap: number;
  workerHeap: number;
  domNodes: number;
  /** Deliveries the durable lane had counted by then: the run's progress. */
  delivered: number;
  /** os.loadavg() when the sample was taken. */
  loadAverage: number[];
}

/** The 1-minute load averages of a figure's runs, as printed beside it. */
const load1 = (l: LoadAverages | undefined): string => fmt.load((l ?? []).map((t) => t[0] ?? NaN));

export interface BenchReport {
  mode: "full" | "quick" | "smoke";
  startedAt: string;
  durationSeconds: number;
  machine: {
    cpu: string;
    memoryGiB: number;
    os: string;
    node: string;
    chromium: string;
    natsServer: string;
    loadAverage: number[];
    /** os.loadavg() when the run ended. */
    loadAverageAtEnd?: number[];
  };
  load: {
    initialRoute: { files: { file: string; bytes: number; gzipBytes: number }[]; bytes: number; gzipBytes: number };
    /** Monaco files fetched before any editor was shown (the goal: none). */
    monacoRequestedBeforeEditor: string[];
    monacoRequestedWithEditor: string[];
    timeToConnectedMs: Spread;
    loadAverages: LoadAverages;
  };
  /**
   * A fresh page's first Run, from the moment the editor appears to the run's "Finished" line (Run
   * pressed at once), and the first Run once the editor's TypeScript is ready (types checked).
   */
  firstRun: { fromEditorMs: Spread; typesCheckedMs: Spread; typescriptReadyMs: Spread; loadAverages: LoadAverages };
  baselines: { op: BaselineOp; count: number; perSecond: Spread; loadAverages: LoadAverages }[];
  lanes: LaneResult[];
  smoothness: { lab: Smoothness; exercise: Smoothness };
  /** os.loadavg() at the end of each smoothness recording. */
  smoothnessLoad: { lab: LoadAverages; exercise: LoadAverages };
  memory: {
    seconds: number;
    ratePerSecond: number;
    samples: MemorySample[];
    /** Least-squares slope over every sample after warm-up, per 10 minutes (not first against last). */
    trend: { mainHeap: Trend; workerHeap: Trend; domNodes: Trend };
  };
}

/** The goals of the benchmark issue, checked against a report. */
export const GOALS = {
  laneRatio: 0.9,
  frameP95Ms: 33,
  longTaskMs: 100,
  /** Heap and DOM growth per 10 minutes, from the slope over all samples, as a share of the mean. */
  heapGrowth: 0.1,
  /** 300 kB: 300,000 bytes. */
  initialRouteGzipBytes: 300_000,
  firstRunMs: 1_500,
};

export interface GoalCheck {
  goal: string;
  value: string;
  ok: boolean;
  /** The 1-minute load average(s) while the figure was measured. */
  load: string;
}

const trendValue = (t: Trend, f: (n: number) => string) =>
  `${f(t.perPeriod)} ± ${f(t.error).replace(/^[+-]/, "")} per 10 min (${fmt.pct(t.fraction)})`;

export function goalChecks(r: BenchReport): GoalCheck[] {
  const rows: GoalCheck[] = [];
  for (const l of r.lanes)
    rows.push({
      goal: `${l.lane} lane ≥ ${GOALS.laneRatio}x its baseline`,
      value: fmt.ratio(l.ratio.median),
      ok: l.ratio.median >= GOALS.laneRatio,
      load: fmt.load(l.pairs.map((p) => p.loadAverage[0] ?? NaN)),
    });
  for (const [view, s] of Object.entries(r.smoothness)) {
    const load = load1(r.smoothnessLoad[view as keyof BenchReport["smoothnessLoad"]]);
    rows.push({ goal: `${view} view: frame time p95 ≤ ${GOALS.frameP95Ms} ms`, value: fmt.ms(s.p95), ok: s.p95 <= GOALS.frameP95Ms, load });
    rows.push({
      goal: `${view} view: no long task over ${GOALS.longTaskMs} ms`,
      value: `longest ${fmt.ms(s.longestTask)}`,
      ok: s.over100 === 0,
      load,
    });
  }
  const memLoad = fmt.load(r.memory.samples.map((m) => m.loadAverage[0] ?? NaN));
  const t = r.memory.trend;
  const signedInt = (n: number) => (Number.isFinite(n) ? `${n >= 0 ? "+" : "-"}${fmt.int(Math.abs(n))}` : "n/a");
  rows.push({
    goal: `main-thread heap growth < ${GOALS.heapGrowth * 100} % per 10 min after warm-up (slope over all samples)`,
    value: trendValue(t.mainHeap, fmt.mbSigned),
    ok: t.mainHeap.fraction < GOALS.heapGrowth,
    load: memLoad,
  });
  rows.push({
    goal: `engine worker heap growth < ${GOALS.heapGrowth * 100} % per 10 min after warm-up (slope over all samples)`,
    value: trendValue(t.workerHeap, fmt.mbSigned),
    ok: t.workerHeap.fraction < GOALS.heapGrowth,
    load: memLoad,
  });
  rows.push({
    goal: `DOM nodes growth < ${GOALS.heapGrowth * 100} % per 10 min (slope over all samples)`,
    value: trendValue(t.domNodes, signedInt),
    ok: t.domNodes.fraction < GOALS.heapGrowth,
    load: memLoad,
  });
  rows.push({
    goal: `initial route < ${fmt.kb(GOALS.initialRouteGzipBytes).replace(".0 ", " ")} gzip`,
    value: fmt.kb(r.load.initialRoute.gzipBytes),
    ok: r.load.initialRoute.gzipBytes < GOALS.initialRouteGzipBytes,
    load: "–",
  });
  rows.push({
    goal: `first Run after the editor appears ≤ ${fmt.ms(GOALS.firstRunMs)}`,
    value: fmt.ms(r.firstRun.fromEditorMs.median),
    ok: r.firstRun.fromEditorMs.median <= GOALS.firstRunMs,
    load: load1(r.firstRun.loadAverages),
  });
  rows.push({
    goal: "Monaco loaded only when the editor is first shown",
    value: r.load.monacoRequestedBeforeEditor.length === 0 ? "yes" : `no: ${r.load.monacoRequestedBeforeEditor.join(", ")}`,
    ok: r.load.monacoRequestedBeforeEditor.length === 0 && r.load.monacoRequestedWithEditor.length > 0,
    load: "–",
  });
  return rows;
}

const range = (s: Spread, f: (n: number) => string) => (s.n > 1 ? `${f(s.min)} – ${f(s.max)}` : "one run");

export function renderReport(r: BenchReport): string {
  const m = r.machine;
  const memFirst = r.memory.samples[0];
  const memLast = r.memory.samples[r.memory.samples.length - 1];
  const t = r.memory.trend;
  const lines = [
    "# Benchmarks",
    "",
    `Measured by \`npm run bench${r.mode === "full" ? "" : ` -- --${r.mode}`}\` on ${r.startedAt.slice(0, 10)} (${r.durationSeconds} s). Rerun it to`,
    "refresh this page; the numbers below are from one run on the machine described here.",
    "",
    `**Machine:** ${m.cpu}, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}; Chromium ${m.chromium} (headless, Debian's);`,
    `nats-server ${m.natsServer} on the same machine (websocket, file storage). Load average at start: ${m.loadAverage.join(", ")}${m.loadAverageAtEnd ? `; at the end: ${m.loadAverageAtEnd.join(", ")}` : ""}.`,
    "The machine may be shared: beside every figure is the 1-minute load average (os.loadavg()) while it was measured,",
    "a range when the figure comes from several runs. Sizes: kB = 1,000 bytes, MB = 1,000,000 bytes, KiB/MiB/GiB = powers of 1,024.",
    "",
    "## Goals",
    "",
    table(
      ["Goal", "Measured", "", "Load (1 min)"],
      goalChecks(r).map((g) => [g.goal, g.value, verdict(g.ok), g.load]),
    ),
    "",
    "## The first Run",
    "",
    "A fresh browser context opens exercise 01 (its starter: subscribe, publish three greetings, return them),",
    "and Run is pressed the moment the editor appears; the time runs to the console's Finished line. Such a",
    "Run does not wait for the editor's TypeScript (it strips the types with sucrase and says the types were",
    "not checked). Then, in the same page, once TypeScript is ready, the first Run whose types are checked.",
    "",
    table(
      ["What", "Median", "Spread", "Pages", "Load (1 min)"],
      [
        [
          "First Run, pressed as the editor appears",
          fmt.ms(r.firstRun.fromEditorMs.median),
          range(r.firstRun.fromEditorMs, fmt.ms),
          String(r.firstRun.fromEditorMs.n),
          load1(r.firstRun.loadAverages),
        ],
        [
          "Editor appears → TypeScript ready",
          fmt.ms(r.firstRun.typescriptReadyMs.median),
          range(r.firstRun.typescriptReadyMs, fmt.ms),
          String(r.firstRun.typescriptReadyMs.n),
          load1(r.firstRun.loadAverages),
        ],
        [
          "First Run with types checked",
          fmt.ms(r.firstRun.typesCheckedMs.median),
          range(r.firstRun.typesCheckedMs, fmt.ms),
          String(r.firstRun.typesCheckedMs.n),
          load1(r.firstRun.loadAverages),
        ],
      ],
    ),
    "",
    "## Lanes against bare client loops",
    "",
    "Each lab lane at full speed (producer at its maximum rate, a fixed number of events, no retries, the",
    "lane's card and charts on screen), alternating with a bare client loop doing the same work in a worker",
    "of the same browser, the side that goes first alternating (baseline then lane, lane then baseline, …),",
    "a fresh stream and participant each run. Lane time runs from the first snapshot showing a published event",
    "to the first showing all delivered (snapshots every 100 ms).",
    "",
    table(
      [
        "Lane",
        "Baseline",
        "Events",
        "Pairs",
        "Lane / baseline (median)",
        "Spread",
        "Lane events/s (median)",
        "Baseline events/s (median)",
        "Load (1 min)",
      ],
      r.lanes.map((l) => [
        l.lane,
        l.baseline,
        fmt.int(l.count),
        String(l.pairs.length),
        fmt.ratio(l.ratio.median),
        range(l.ratio, fmt.ratio),
        fmt.int(median(l.pairs.map((p) => p.lanePerSecond))),
        fmt.int(median(l.pairs.map((p) => p.baselinePerSecond))),
        fmt.load(l.pairs.map((p) => p.loadAverage[0] ?? NaN)),
      ]),
    ),
    "",
    "Every pair:",
    "",
    table(
      ["Lane", "Pair", "First", "Baseline events/s", "Lane events/s", "Lane / baseline", "Load (1 min)"],
      r.lanes.flatMap((l) =>
        l.pairs.map((p, i) => [
          l.lane,
          String(i + 1),
          p.order === "baseline-first" ? "baseline" : "lane",
          fmt.int(p.baselinePerSecond),
          fmt.int(p.lanePerSecond),
          fmt.ratio(p.ratio),
          fmt.load([p.loadAverage[0] ?? NaN]),
        ]),
      ),
    ),
    "",
    "## Baselines",
    "",
    table(
      ["Operation", "What it does", "Messages", "Messages/s (median)", "Spread", "Load (1 min)"],
      r.baselines.map((b) => [
        b.op,
        BASELINE_INFO[b.op],
        fmt.int(b.count),
        fmt.int(b.perSecond.median),
        range(b.perSecond, fmt.int),
        load1(b.loadAverages),
      ]),
    ),
    "",
    "## Smoothness while the lanes run flat out",
    "",
    "Frame durations from requestAnimationFrame and long tasks from PerformanceObserver, on the main thread.",
    "Lab: all four lanes at full speed with their charts. Exercise: the same four lanes still running flat out",
    "in the background while participant code publishes and receives its own messages as fast as it can and",
    "logs every 50th, with the editor on screen (second run, so the one-time TypeScript compile is not counted).",
    "",
    table(
      ["View", "Frames", "p50", "p95", "Worst frame", "Long tasks", "Longest task", "Over 100 ms", "Load (1 min)"],
      Object.entries(r.smoothness).map(([view, s]) => [
        view,
        fmt.int(s.frames),
        fmt.ms(s.p50),
        fmt.ms(s.p95),
        fmt.ms(s.worst),
        String(s.longTasks),
        fmt.ms(s.longestTask),
        String(s.over100),
        load1(r.smoothnessLoad[view as keyof BenchReport["smoothnessLoad"]]),
      ]),
    ),
    "",
    "## Memory over a sustained run",
    "",
    `Four lanes, ${fmt.int(r.memory.ratePerSecond)} events/s to each, for ${r.memory.seconds} s after a warm-up; heaps measured after a forced`,
    "garbage collection (DevTools protocol), the engine's worker included. Growth is the least-squares slope over",
    "every sample (± its standard error), per 10 minutes and as a share of the run's mean: a single sample's",
    "swing (a worker heap moves by megabytes between collections) cannot pass or fail it.",
    "",
    table(
      ["At (s)", "Durable deliveries", "Main heap", "Engine worker heap", "DOM nodes", "Load (1 min)"],
      r.memory.samples.map((s) => [
        String(s.atSeconds),
        fmt.int(s.delivered),
        fmt.mb(s.mainHeap),
        fmt.mb(s.workerHeap),
        fmt.int(s.domNodes),
        fmt.load([s.loadAverage[0] ?? NaN]),
      ]),
    ),
    "",
    memFirst && memLast
      ? `Slope over ${t.mainHeap.n} samples: main heap ${trendValue(t.mainHeap, fmt.mbSigned)}, worker heap ${trendValue(t.workerHeap, fmt.mbSigned)}, DOM nodes ${fmt.pct(t.domNodes.fraction)} per 10 min, while deliveries went from ${fmt.int(memFirst.delivered)} to ${fmt.int(memLast.delivered)}.`
      : "No samples.",
    "",
    "## Load",
    "",
    `Initial route (what index.html loads): ${fmt.kb(r.load.initialRoute.bytes)}, **${fmt.kb(r.load.initialRoute.gzipBytes)} gzip** (level 9).`,
    `Monaco files fetched before an editor was shown: ${r.load.monacoRequestedBeforeEditor.length || "none"}; on opening an exercise: ${r.load.monacoRequestedWithEditor.join(", ") || "none"}.`,
    `Time from navigation to "Connected" on localhost: median ${fmt.ms(r.load.timeToConnectedMs.median)} (${range(r.load.timeToConnectedMs, fmt.ms)}, ${r.load.timeToConnectedMs.n} fresh pages; load ${load1(r.load.loadAverages)}).`,
    "",
    table(
      ["File", "Bytes", "Gzip"],
      r.load.initialRoute.files.map((f) => [f.file, fmt.int(f.bytes), fmt.int(f.gzipBytes)]),
    ),
    "",
  ];
  return lines.join("\n");
}

/** Heap and DOM growth as the least-squares slope over every sample, per 10 minutes. */
export function memoryTrend(samples: readonly MemorySample[]): BenchReport["memory"]["trend"] {
  const at = samples.map((s) => s.atSeconds);
  return {
    mainHeap: trend(
      at,
      samples.map((s) => s.mainHeap),
    ),
    workerHeap: trend(
      at,
      samples.map((s) => s.workerHeap),
    ),
    domNodes: trend(
      at,
      samples.map((s) => s.domNodes),
    ),
  };
}
