// The benchmark's result and its Markdown rendering (docs/benchmarks.md). Pure: unit-tested.
import type { BaselineOp } from "../../web/src/nats/baselines.ts";
import { BASELINE_INFO } from "../../web/src/nats/baselines.ts";
import { fmt, median, table, verdict, type Smoothness, type Spread } from "./stats.ts";

export interface LaneResult {
  lane: string;
  baseline: BaselineOp;
  count: number;
  pairs: { baselinePerSecond: number; lanePerSecond: number; ratio: number }[];
  ratio: Spread;
}

export interface MemorySample {
  atSeconds: number;
  mainHeap: number;
  workerHeap: number;
  domNodes: number;
  /** Deliveries the durable lane had counted by then: the run's progress. */
  delivered: number;
}

export interface BenchReport {
  mode: "full" | "quick" | "smoke";
  startedAt: string;
  durationSeconds: number;
  machine: { cpu: string; memoryGiB: number; os: string; node: string; chromium: string; natsServer: string; loadAverage: number[] };
  load: {
    initialRoute: { files: { file: string; bytes: number; gzipBytes: number }[]; bytes: number; gzipBytes: number };
    /** Monaco files fetched before any editor was shown (the goal: none). */
    monacoRequestedBeforeEditor: string[];
    monacoRequestedWithEditor: string[];
    timeToConnectedMs: Spread;
  };
  /**
   * A fresh page's first Run, from the moment the editor appears to the run's "Finished" line (Run
   * pressed at once), and the first Run once the editor's TypeScript is ready (types checked).
   */
  firstRun: { fromEditorMs: Spread; typesCheckedMs: Spread; typescriptReadyMs: Spread };
  baselines: { op: BaselineOp; count: number; perSecond: Spread }[];
  lanes: LaneResult[];
  smoothness: { lab: Smoothness; exercise: Smoothness };
  memory: {
    seconds: number;
    ratePerSecond: number;
    samples: MemorySample[];
    growth: { mainHeap: number; workerHeap: number; domNodes: number };
  };
}

/** The goals of the benchmark issue, checked against a report. */
export const GOALS = {
  laneRatio: 0.9,
  frameP95Ms: 33,
  longTaskMs: 100,
  heapGrowth: 0.1,
  initialRouteGzipBytes: 300 * 1024,
  firstRunMs: 1_500,
};

export function goalChecks(r: BenchReport): { goal: string; value: string; ok: boolean }[] {
  const rows: { goal: string; value: string; ok: boolean }[] = [];
  for (const l of r.lanes)
    rows.push({
      goal: `${l.lane} lane ≥ ${GOALS.laneRatio}x its baseline`,
      value: fmt.ratio(l.ratio.median),
      ok: l.ratio.median >= GOALS.laneRatio,
    });
  for (const [view, s] of Object.entries(r.smoothness)) {
    rows.push({ goal: `${view} view: frame time p95 ≤ ${GOALS.frameP95Ms} ms`, value: fmt.ms(s.p95), ok: s.p95 <= GOALS.frameP95Ms });
    rows.push({
      goal: `${view} view: no long task over ${GOALS.longTaskMs} ms`,
      value: `longest ${fmt.ms(s.longestTask)}`,
      ok: s.over100 === 0,
    });
  }
  rows.push({
    goal: `main-thread heap growth < ${GOALS.heapGrowth * 100} % after warm-up`,
    value: fmt.pct(r.memory.growth.mainHeap),
    ok: r.memory.growth.mainHeap < GOALS.heapGrowth,
  });
  rows.push({
    goal: `engine worker heap growth < ${GOALS.heapGrowth * 100} % after warm-up`,
    value: fmt.pct(r.memory.growth.workerHeap),
    ok: r.memory.growth.workerHeap < GOALS.heapGrowth,
  });
  rows.push({
    goal: `DOM nodes growth < ${GOALS.heapGrowth * 100} %`,
    value: fmt.pct(r.memory.growth.domNodes),
    ok: r.memory.growth.domNodes < GOALS.heapGrowth,
  });
  rows.push({
    goal: `initial route < ${GOALS.initialRouteGzipBytes / 1024} kB gzip`,
    value: fmt.kb(r.load.initialRoute.gzipBytes),
    ok: r.load.initialRoute.gzipBytes < GOALS.initialRouteGzipBytes,
  });
  rows.push({
    goal: `first Run after the editor appears ≤ ${fmt.ms(GOALS.firstRunMs)}`,
    value: fmt.ms(r.firstRun.fromEditorMs.median),
    ok: r.firstRun.fromEditorMs.median <= GOALS.firstRunMs,
  });
  rows.push({
    goal: "Monaco loaded only when the editor is first shown",
    value: r.load.monacoRequestedBeforeEditor.length === 0 ? "yes" : `no: ${r.load.monacoRequestedBeforeEditor.join(", ")}`,
    ok: r.load.monacoRequestedBeforeEditor.length === 0 && r.load.monacoRequestedWithEditor.length > 0,
  });
  return rows;
}

const range = (s: Spread, f: (n: number) => string) => (s.n > 1 ? `${f(s.min)} – ${f(s.max)}` : "one run");

export function renderReport(r: BenchReport): string {
  const m = r.machine;
  const memFirst = r.memory.samples[0];
  const memLast = r.memory.samples[r.memory.samples.length - 1];
  const lines = [
    "# Benchmarks",
    "",
    `Measured by \`npm run bench${r.mode === "full" ? "" : ` -- --${r.mode}`}\` on ${r.startedAt.slice(0, 10)} (${r.durationSeconds} s). Rerun it to`,
    "refresh this page; the numbers below are from one run on the machine described here.",
    "",
    `**Machine:** ${m.cpu}, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}; Chromium ${m.chromium} (headless, Debian's);`,
    `nats-server ${m.natsServer} on the same machine (websocket, file storage). Load average at start: ${m.loadAverage.join(", ")}.`,
    "",
    "## Goals",
    "",
    table(
      ["Goal", "Measured", ""],
      goalChecks(r).map((g) => [g.goal, g.value, verdict(g.ok)]),
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
      ["What", "Median", "Spread", "Pages"],
      [
        [
          "First Run, pressed as the editor appears",
          fmt.ms(r.firstRun.fromEditorMs.median),
          range(r.firstRun.fromEditorMs, fmt.ms),
          String(r.firstRun.fromEditorMs.n),
        ],
        [
          "Editor appears → TypeScript ready",
          fmt.ms(r.firstRun.typescriptReadyMs.median),
          range(r.firstRun.typescriptReadyMs, fmt.ms),
          String(r.firstRun.typescriptReadyMs.n),
        ],
        [
          "First Run with types checked",
          fmt.ms(r.firstRun.typesCheckedMs.median),
          range(r.firstRun.typesCheckedMs, fmt.ms),
          String(r.firstRun.typesCheckedMs.n),
        ],
      ],
    ),
    "",
    "## Lanes against bare client loops",
    "",
    "Each lab lane at full speed (producer at its maximum rate, a fixed number of events, no retries, the",
    "lane's card and charts on screen), alternating with a bare client loop doing the same work in a worker",
    "of the same browser: A B A B …, a fresh stream and participant each run. Lane time runs from the first",
    "snapshot showing a published event to the first showing all delivered (snapshots every 100 ms).",
    "",
    table(
      ["Lane", "Baseline", "Events", "Pairs", "Lane / baseline (median)", "Spread", "Lane events/s (median)", "Baseline events/s (median)"],
      r.lanes.map((l) => [
        l.lane,
        l.baseline,
        fmt.int(l.count),
        String(l.pairs.length),
        fmt.ratio(l.ratio.median),
        range(l.ratio, fmt.ratio),
        fmt.int(median(l.pairs.map((p) => p.lanePerSecond))),
        fmt.int(median(l.pairs.map((p) => p.baselinePerSecond))),
      ]),
    ),
    "",
    "## Baselines",
    "",
    table(
      ["Operation", "What it does", "Messages", "Messages/s (median)", "Spread"],
      r.baselines.map((b) => [b.op, BASELINE_INFO[b.op], fmt.int(b.count), fmt.int(b.perSecond.median), range(b.perSecond, fmt.int)]),
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
      ["View", "Frames", "p50", "p95", "Worst frame", "Long tasks", "Longest task", "Over 100 ms"],
      Object.entries(r.smoothness).map(([view, s]) => [
        view,
        fmt.int(s.frames),
        fmt.ms(s.p50),
        fmt.ms(s.p95),
        fmt.ms(s.worst),
        String(s.longTasks),
        fmt.ms(s.longestTask),
        String(s.over100),
      ]),
    ),
    "",
    "## Memory over a sustained run",
    "",
    `Four lanes, ${fmt.int(r.memory.ratePerSecond)} events/s to each, for ${r.memory.seconds} s after a warm-up; heaps measured after a forced`,
    "garbage collection (DevTools protocol), the engine's worker included.",
    "",
    table(
      ["At (s)", "Durable deliveries", "Main heap", "Engine worker heap", "DOM nodes"],
      r.memory.samples.map((s) => [
        String(s.atSeconds),
        fmt.int(s.delivered),
        fmt.mb(s.mainHeap),
        fmt.mb(s.workerHeap),
        fmt.int(s.domNodes),
      ]),
    ),
    "",
    memFirst && memLast
      ? `Growth from the first to the last sample: main heap ${fmt.pct(r.memory.growth.mainHeap)}, worker heap ${fmt.pct(r.memory.growth.workerHeap)}, DOM nodes ${fmt.pct(r.memory.growth.domNodes)}, while deliveries went from ${fmt.int(memFirst.delivered)} to ${fmt.int(memLast.delivered)}.`
      : "No samples.",
    "",
    "## Load",
    "",
    `Initial route (what index.html loads): ${fmt.kb(r.load.initialRoute.bytes)}, **${fmt.kb(r.load.initialRoute.gzipBytes)} gzip** (level 9).`,
    `Monaco files fetched before an editor was shown: ${r.load.monacoRequestedBeforeEditor.length || "none"}; on opening an exercise: ${r.load.monacoRequestedWithEditor.join(", ") || "none"}.`,
    `Time from navigation to "Connected" on localhost: median ${fmt.ms(r.load.timeToConnectedMs.median)} (${range(r.load.timeToConnectedMs, fmt.ms)}, ${r.load.timeToConnectedMs.n} fresh pages).`,
    "",
    table(
      ["File", "Bytes", "Gzip"],
      r.load.initialRoute.files.map((f) => [f.file, fmt.int(f.bytes), fmt.int(f.gzipBytes)]),
    ),
    "",
  ];
  return lines.join("\n");
}
