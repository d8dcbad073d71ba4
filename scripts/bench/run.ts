// `npm run bench`: the playground's speed and memory, measured in Debian's Chromium against a real
// nats-server, with the production build served from localhost. Every lane figure is a ratio against
// a bare client loop doing the same work in the same browser (A B A B …), so the machine's own speed
// cancels out. Writes docs/benchmarks.json and docs/benchmarks.md (or --out DIR).
//
//   npm run bench                 the full run (memory: 10 minutes)
//   npm run bench -- --quick      the same figures, a 1-minute memory run
//   npm run bench -- --smoke      tiny sizes, checks every figure is produced (part of npm test)
//
// Narrower runs (the report then holds only what ran):
//   --only lanes,baselines        sections: load, first-run, baselines, lanes, smoothness, memory
//   --lanes core,dedupe           only these lanes in the A/B section
//   --pairs 6                     A/B pairs per lane (default 5)
//   --dist /tmp/bench-dist        build into (and serve from) this folder instead of dist/
//   --out /tmp/bench-B            write benchmarks.md/.json there instead of docs/
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { build } from "vite";
import { PUBLISH_WINDOW } from "../../web/src/lab/engine/lane.ts";
import type { BaselineOp, BaselineOptions, BaselineResult } from "../../web/src/nats/baselines.ts";
import { CHROMIUM_ARGS, ensureChromium } from "../chromium.ts";
import { say } from "../lib/log.ts";
import { REPO_ROOT, startNats, type NatsServer } from "../nats/launcher.ts";
import { startWebServer } from "../web/serve.ts";
import { connectedAt, installProbe, mainMemory, startRecording, stopRecording, timeLane, workerProbe } from "./page.ts";
import { memoryTrend, renderReport, type BenchReport, type LaneResult, type MemorySample } from "./report.ts";
import { fmt, loadAverage, pairOrder, smoothness, spread } from "./stats.ts";

const { values: args } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    out: { type: "string" },
    pairs: { type: "string" },
    "memory-seconds": { type: "string" },
    "no-build": { type: "boolean", default: false },
    only: { type: "string" },
    lanes: { type: "string" },
    dist: { type: "string" },
  },
});

const SECTIONS = ["load", "first-run", "baselines", "lanes", "smoothness", "memory"] as const;
type Section = (typeof SECTIONS)[number];
const only = args.only?.split(",").map((s) => s.trim()) ?? [...SECTIONS];
for (const s of only)
  if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`--only: no section "${s}" (${SECTIONS.join(", ")})`);
const runs = (section: Section) => only.includes(section);

type Mode = "full" | "quick" | "smoke";
const mode: Mode = args.smoke ? "smoke" : args.quick ? "quick" : "full";
const smoke = mode === "smoke";
// Two pairs in the smoke run, so both orders (baseline first, lane first) are exercised.
const PAIRS = Number(args.pairs ?? (smoke ? 2 : 5));
const MEMORY_SECONDS = Number(args["memory-seconds"] ?? (smoke ? 8 : mode === "quick" ? 60 : 600));
/** Events per second the producer sends to every lane during the memory run. */
const MEMORY_RATE = smoke ? 200 : 2_000;
const PAYLOAD_BYTES = 128;
const WINDOW = PUBLISH_WINDOW;
const DIST = args.dist ? path.resolve(args.dist) : path.join(REPO_ROOT, "dist");
const OUT_DIR = args.out
  ? path.resolve(args.out)
  : smoke
    ? mkdtempSync(path.join(os.tmpdir(), "bench-smoke-"))
    : path.join(REPO_ROOT, "docs");
const STORAGE_KEY = "nats-playground:v1";

/** Messages per run, per operation: each full-size run lasts a few seconds on this machine. */
const COUNTS: Record<BaselineOp, number> = smoke
  ? {
      core: 2_000,
      "js-sync": 200,
      "js-async": 1_000,
      "js-pipeline": 1_000,
      "js-pipeline-dedupe": 1_000,
      "durable-consume": 1_000,
      "ordered-consume": 1_000,
    }
  : {
      core: 100_000,
      "js-sync": 2_000,
      "js-async": 20_000,
      "js-pipeline": 20_000,
      "js-pipeline-dedupe": 20_000,
      "durable-consume": 20_000,
      "ordered-consume": 20_000,
    };
const BASELINE_RUNS = smoke ? 1 : 3;
const LANES = [
  { lane: "core", baseline: "core" },
  { lane: "jetstream", baseline: "js-pipeline" },
  { lane: "dedupe", baseline: "js-pipeline-dedupe" },
  { lane: "durable", baseline: "js-pipeline" },
] as const satisfies { lane: string; baseline: BaselineOp }[];
const laneFilter = args.lanes?.split(",").map((s) => s.trim());
for (const l of laneFilter ?? [])
  if (!LANES.some((x) => x.lane === l)) throw new Error(`--lanes: no lane "${l}" (${LANES.map((x) => x.lane).join(", ")})`);
const LANES_RUN = LANES.filter((l) => !laneFilter || (laneFilter as string[]).includes(l.lane));
/** The lab's fastest producer rate (MAX_RATE_PER_SECOND): "full speed". */
const FULL_SPEED = 50_000;
const LANE_LIMIT_MS = 120_000;

const started = Date.now();
let runId = 0;
const unique = (what: string) => `bench_${started.toString(36)}_${what}_${++runId}`;

async function main(): Promise<void> {
  if (!args["no-build"]) {
    say("building the production bundle …");
    await build({ configFile: path.join(REPO_ROOT, "vite.config.ts"), logLevel: "error", build: { outDir: DIST, emptyOutDir: true } });
  }
  const storeDir = mkdtempSync(path.join(os.tmpdir(), "bench-nats-"));
  // Whatever has started is stopped again, also when a later step fails.
  const cleanups: (() => Promise<unknown>)[] = [async () => rmSync(storeDir, { recursive: true, force: true })];
  try {
    const nats = await startNats({ storeDir });
    cleanups.unshift(() => nats.stop());
    const web = await startWebServer({ dist: DIST, host: "localhost", port: 0 });
    cleanups.unshift(() => web.close());
    const base = web.localUrl;
    const browser = await chromium.launch({ executablePath: await ensureChromium(), args: CHROMIUM_ARGS });
    cleanups.unshift(() => browser.close());
    const report: BenchReport = {
      mode,
      startedAt: new Date(started).toISOString(),
      durationSeconds: 0,
      machine: machine(browser.version(), nats.version),
      load: runs("load") ? await measureLoad(browser, base, nats) : notMeasuredLoad(),
      firstRun: runs("first-run")
        ? await measureFirstRun(browser, base, nats)
        : { fromEditorMs: spread([]), typesCheckedMs: spread([]), typescriptReadyMs: spread([]), loadAverages: [] },
      baselines: [],
      lanes: [],
      smoothness: { lab: smoothness([], []), exercise: smoothness([], []) },
      smoothnessLoad: { lab: [], exercise: [] },
      memory: { seconds: MEMORY_SECONDS, ratePerSecond: MEMORY_RATE, samples: [], trend: memoryTrend([]) },
    };
    if (runs("baselines") || runs("lanes")) {
      const bench = await openBenchPage(browser, base);
      if (runs("baselines")) report.baselines = await measureBaselines(bench, nats);
      if (runs("lanes")) report.lanes = await measureLanes(browser, bench, base, nats);
      await bench.context().close();
    }
    if (runs("smoothness")) {
      const lab = await labSmoothness(browser, base, nats);
      const exercise = await exerciseSmoothness(browser, base, nats);
      report.smoothness = { lab: lab.smoothness, exercise: exercise.smoothness };
      report.smoothnessLoad = { lab: [lab.loadAverage], exercise: [exercise.loadAverage] };
    }
    if (runs("memory")) report.memory = await measureMemory(browser, base, nats);
    report.durationSeconds = Math.round((Date.now() - started) / 1000);
    report.machine.loadAverageAtEnd = loadNow();

    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(path.join(OUT_DIR, "benchmarks.json"), JSON.stringify(report, null, 2) + "\n");
    // Notes written by people (why a goal was missed, what would fix it) are kept across reruns.
    const notesFile = path.join(REPO_ROOT, "docs", "benchmarks-notes.md");
    const notes = existsSync(notesFile) && !smoke ? `\n${readFileSync(notesFile, "utf8")}` : "";
    writeFileSync(path.join(OUT_DIR, "benchmarks.md"), renderReport(report) + notes);
    say(`wrote ${path.join(OUT_DIR, "benchmarks.md")} and benchmarks.json (${report.durationSeconds} s)`);
    const missing = missingFigures(report);
    if (missing.length) throw new Error(`the benchmark did not produce: ${missing.join(", ")}`);
    // The smoke run only proves every figure is produced: its report in the temp dir is not kept.
    if (smoke && !args.out) rmSync(OUT_DIR, { recursive: true, force: true });
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  }
}

function machine(chromiumVersion: string, natsVersion: string): BenchReport["machine"] {
  const cpus = os.cpus();
  return {
    cpu: `${cpus.length} x ${cpus[0]?.model ?? "unknown"}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: chromiumVersion,
    natsServer: natsVersion,
    loadAverage: loadNow(),
  };
}

/** The 1-, 5- and 15-minute load averages now: recorded beside every figure (the machine may be shared). */
const loadNow = () => loadAverage(os.loadavg());

function notMeasuredLoad(): BenchReport["load"] {
  return {
    initialRoute: { files: [], gzipBytes: NaN, bytes: NaN },
    monacoRequestedBeforeEditor: [],
    monacoRequestedWithEditor: [],
    timeToConnectedMs: spread([]),
    loadAverages: [],
  };
}

/** A fresh browser context (so a fresh participant id and streams) with the probe and saved settings. */
async function newContext(browser: Browser, saved?: Record<string, unknown>): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // tsx compiles this file keeping function names, through a helper the page lacks: give it one.
  await context.addInitScript({ content: "globalThis.__name = (f) => f;" });
  await context.addInitScript(installProbe);
  if (saved) {
    await context.addInitScript(
      ([key, value]) => {
        if (!sessionStorage.getItem("bench-seeded")) {
          localStorage.setItem(key, value);
          sessionStorage.setItem("bench-seeded", "1");
        }
      },
      [STORAGE_KEY, JSON.stringify({ state: saved, version: 0 })] as const,
    );
  }
  return context;
}

const appUrl = (base: string, nats: NatsServer, hash: string) => `${base}/?server=${encodeURIComponent(nats.wsUrl)}${hash}`;

async function openConnected(context: BrowserContext, base: string, nats: NatsServer, hash: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(appUrl(base, nats, hash));
  await page
    .getByTestId("status-pill")
    .filter({ hasText: /^Connected$/ })
    .waitFor({ timeout: 30_000 });
  return page;
}

// ---------------------------------------------------------------------------------------------- load

/** Initial route size (what index.html loads before any interaction), Monaco's deferral, time to connected. */
async function measureLoad(browser: Browser, base: string, nats: NatsServer): Promise<BenchReport["load"]> {
  say("load: bundle size and time to connected …");
  const html = readFileSync(path.join(DIST, "index.html"), "utf8");
  const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
  const files = [...new Set(refs)].map((file) => {
    const bytes = readFileSync(path.join(DIST, file));
    return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });

  const times: number[] = [];
  const loadAverages: number[][] = [];
  let monacoOnLoad: string[] = [];
  let monacoOnEditor: string[] = [];
  for (let i = 0; i < (smoke ? 2 : 7); i++) {
    const context = await newContext(browser);
    const requested: string[] = [];
    context.on("request", (r) => requested.push(new URL(r.url()).pathname));
    const page = await openConnected(context, base, nats, "#/connection");
    const at = await connectedAt(page);
    if (at === null) throw new Error("the probe did not see the status pill say Connected");
    // The first load warms the server's and browser's caches of nothing but the OS: keep every run.
    times.push(at);
    loadAverages.push(loadNow());
    if (i === 0) {
      await page.getByRole("link", { name: "Lab" }).click();
      await page.getByRole("heading", { level: 1, name: "Lab" }).waitFor();
      monacoOnLoad = requested.filter(isMonaco);
      await page.goto(appUrl(base, nats, "#/exercises/01-hello-pubsub"));
      await page.locator(".monaco-editor").first().waitFor({ timeout: 60_000 });
      monacoOnEditor = requested.filter(isMonaco);
    }
    await context.close();
  }
  const total = files.reduce((s, f) => s + f.gzipBytes, 0);
  return {
    initialRoute: { files, gzipBytes: total, bytes: files.reduce((s, f) => s + f.bytes, 0) },
    monacoRequestedBeforeEditor: monacoOnLoad,
    monacoRequestedWithEditor: [...new Set(monacoOnEditor)],
    timeToConnectedMs: spread(times),
    loadAverages,
  };
}

/** Exercise 01's first Run on fresh pages: pressed as the editor appears, then once TypeScript is ready. */
async function measureFirstRun(browser: Browser, base: string, nats: NatsServer): Promise<BenchReport["firstRun"]> {
  say("first Run: pressed as the editor appears …");
  const fromEditor: number[] = [];
  const typesChecked: number[] = [];
  const ready: number[] = [];
  const loadAverages: number[][] = [];
  for (let i = 0; i < (smoke ? 1 : 5); i++) {
    const context = await newContext(browser);
    const page = await openConnected(context, base, nats, "#/exercises/01-hello-pubsub");
    const out = page.getByTestId("console");
    await page.locator(".monaco-editor .view-lines").waitFor({ timeout: 60_000 });
    const shown = Date.now();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await out.filter({ hasText: "Finished: main returned" }).waitFor({ timeout: 60_000 });
    fromEditor.push(Date.now() - shown);
    await page.locator('[data-testid="editor-typescript"][data-state="ready"]').waitFor({ state: "attached", timeout: 120_000 });
    ready.push(Date.now() - shown);
    const t0 = Date.now();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await out.filter({ hasText: "Compiling and running…" }).waitFor();
    await out.filter({ hasText: "Finished: main returned" }).waitFor({ timeout: 60_000 });
    if (await out.filter({ hasText: "Types not checked" }).count()) throw new Error("the Run after TypeScript was ready skipped the types");
    typesChecked.push(Date.now() - t0);
    loadAverages.push(loadNow());
    await context.close();
  }
  return { fromEditorMs: spread(fromEditor), typesCheckedMs: spread(typesChecked), typescriptReadyMs: spread(ready), loadAverages };
}

const isMonaco = (p: string) => /\/assets\/(editor\.api|monaco|ts\.worker|editor\.worker)[^/]*\.js$/.test(p);

// ----------------------------------------------------------------------------------------- baselines

async function openBenchPage(browser: Browser, base: string): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await page.goto(`${base}/bench.html`);
  await page.locator("#status", { hasText: "loaded" }).waitFor();
  return page;
}

function runBaseline(page: Page, nats: NatsServer, op: BaselineOp, count = COUNTS[op]): Promise<BaselineResult> {
  const opts: BaselineOptions = {
    settings: { servers: [nats.wsUrl], token: "", creds: "", maxReconnects: 5, reconnectWaitSeconds: 5 },
    prefix: unique(op.replace(/-/g, "_")),
    count,
    payloadBytes: PAYLOAD_BYTES,
    window: WINDOW,
  };
  return page.evaluate(([op, opts]) => window.runBaseline(op, opts), [op, opts] as const);
}

async function measureBaselines(page: Page, nats: NatsServer): Promise<BenchReport["baselines"]> {
  const out: BenchReport["baselines"] = [];
  for (const op of Object.keys(COUNTS) as BaselineOp[]) {
    say(`baseline ${op} …`);
    const perSecond: number[] = [];
    const loadAverages: number[][] = [];
    for (let i = 0; i < BASELINE_RUNS; i++) {
      perSecond.push((await runBaseline(page, nats, op)).perSecond);
      loadAverages.push(loadNow());
    }
    out.push({ op, count: COUNTS[op], perSecond: spread(perSecond), loadAverages });
  }
  return out;
}

// ----------------------------------------------------------------------------------------- lanes A/B

/** The lab saved with one lane (or all) on, the producer at `rate` for `events` events, no retries. */
function labState(lanes: readonly string[], rate: number, events?: number): Record<string, unknown> {
  const all = ["core", "jetstream", "dedupe", "durable"];
  return {
    labConfig: {
      producer: { ratePerSecond: rate, payloadBytes: PAYLOAD_BYTES, retryShare: 0, ...(events !== undefined && { maxEvents: events }) },
      enabled: Object.fromEntries(all.map((l) => [l, lanes.includes(l)])),
      presetId: null,
    },
  };
}

async function openLab(browser: Browser, base: string, nats: NatsServer, lanes: readonly string[], rate: number, events?: number) {
  const context = await newContext(browser, labState(lanes, rate, events));
  const page = await openConnected(context, base, nats, "#/lab");
  await page.getByRole("button", { name: "Start", exact: true }).waitFor();
  return page;
}

async function measureLanes(browser: Browser, bench: Page, base: string, nats: NatsServer): Promise<LaneResult[]> {
  const out: LaneResult[] = [];
  for (const { lane, baseline } of LANES_RUN) {
    const count = COUNTS[baseline === "core" ? "core" : "js-pipeline"];
    const pairs: LaneResult["pairs"] = [];
    const runLane = async () => {
      const page = await openLab(browser, base, nats, [lane], FULL_SPEED, count);
      // Charts visible: the lane's card on screen while it runs.
      await page.getByTestId(`lane-${lane}`).scrollIntoViewIfNeeded();
      const b = await timeLane(page, lane, count, LANE_LIMIT_MS);
      await page.context().close();
      return (count / b.ms) * 1000;
    };
    for (let i = 0; i < PAIRS; i++) {
      // A B, B A, …: whichever side runs second would otherwise always inherit the first one's aftermath.
      const order = pairOrder(i);
      say(`lane ${lane} vs ${baseline}: pair ${i + 1} of ${PAIRS} (${order}) …`);
      let baselinePerSecond: number;
      let lanePerSecond: number;
      if (order === "baseline-first") {
        baselinePerSecond = (await runBaseline(bench, nats, baseline, count)).perSecond;
        lanePerSecond = await runLane();
      } else {
        lanePerSecond = await runLane();
        baselinePerSecond = (await runBaseline(bench, nats, baseline, count)).perSecond;
      }
      const ratio = lanePerSecond / baselinePerSecond;
      const loadAverage = loadNow();
      say(
        `  lane ${fmt.int(lanePerSecond)}/s, baseline ${fmt.int(baselinePerSecond)}/s: ${fmt.ratio(ratio)} (load ${loadAverage.join(", ")})`,
      );
      pairs.push({ order, baselinePerSecond, lanePerSecond, ratio, loadAverage });
    }
    out.push({ lane, baseline, count, pairs, ratio: spread(pairs.map((p) => p.ratio)) });
  }
  return out;
}

// ------------------------------------------------------------------------------------- smoothness

/** All four lanes flat out with charts on screen: frame times and long tasks on the main thread. */
async function labSmoothness(browser: Browser, base: string, nats: NatsServer) {
  say("smoothness: the lab, four lanes at full speed …");
  const events = smoke ? 2_000 : 20_000;
  const page = await openLab(browser, base, nats, ["core", "jetstream", "dedupe", "durable"], FULL_SPEED, events);
  await page.waitForTimeout(500);
  await startRecording(page);
  await timeLane(page, "durable", events, LANE_LIMIT_MS);
  const { frames, longTasks } = await stopRecording(page);
  const loadAverage = loadNow();
  await page.context().close();
  return { smoothness: smoothness(frames, longTasks), loadAverage };
}

/** A participant's code flooding its own subject and logging, with the editor on screen. */
const FLOOD = (n: number) => `export default async function main(ctx: ExerciseContext) {
  const subject = ctx.subject("flood");
  let received = 0;
  const all = new Promise<void>((resolve) => {
    ctx.nc.subscribe(subject, {
      callback: () => {
        received++;
        if (received % 50 === 0) ctx.log(\`received \${received}\`);
        if (received === ${n}) resolve();
      },
    });
  });
  await ctx.nc.flush();
  for (let i = 0; i < ${n}; i++) {
    ctx.nc.publish(subject, "x".repeat(128));
    if (i % 500 === 0) await ctx.sleep(0);
  }
  await all;
  return received;
}
`;

/** The exercise view while the lab's four lanes keep running flat out in the background (the engine outlives the view). */
async function exerciseSmoothness(browser: Browser, base: string, nats: NatsServer) {
  say("smoothness: the exercise view, code flooding and logging while the lanes run …");
  const n = smoke ? 2_000 : 50_000;
  const slug = "01-hello-pubsub";
  const context = await newContext(browser, {
    ...labState(["core", "jetstream", "dedupe", "durable"], FULL_SPEED),
    exerciseProgress: { [slug]: { code: FLOOD(n), completed: false } },
  });
  const page = await openConnected(context, base, nats, "#/lab");
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await page.getByRole("button", { name: "Stop", exact: true }).waitFor({ state: "visible" });
  await page.evaluate((hash) => (location.hash = hash), `#/exercises/${slug}`);
  await page.locator(".monaco-editor .view-lines").waitFor({ timeout: 60_000 });
  const run = page.getByRole("button", { name: "Run", exact: true });
  const finished = page.getByTestId("console").filter({ hasText: `Finished: main returned ${n}.` });
  // The first run compiles in Monaco's TypeScript worker (seconds, once): measure the second.
  await run.click();
  await finished.waitFor({ timeout: 90_000 });
  await page.waitForTimeout(300);
  await startRecording(page);
  await run.click();
  await page.getByTestId("console").filter({ hasText: "Compiling and running…" }).waitFor();
  await finished.waitFor({ timeout: 90_000 });
  await page.waitForTimeout(200);
  const { frames, longTasks } = await stopRecording(page);
  const loadAverage = loadNow();
  await context.close();
  return { smoothness: smoothness(frames, longTasks), loadAverage };
}

// ----------------------------------------------------------------------------------------- memory

/** Four lanes at MEMORY_RATE for MEMORY_SECONDS: main heap, engine worker heap, DOM nodes over time. */
async function measureMemory(browser: Browser, base: string, nats: NatsServer): Promise<BenchReport["memory"]> {
  say(`memory: four lanes at ${MEMORY_RATE} events/s for ${MEMORY_SECONDS} s …`);
  const page = await openLab(browser, base, nats, ["core", "jetstream", "dedupe", "durable"], MEMORY_RATE);
  const cdp = await page.context().newCDPSession(page);
  const workers = await workerProbe(cdp);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await page.getByRole("button", { name: "Stop", exact: true }).waitFor({ state: "visible" });
  const samples: MemorySample[] = [];
  const warmUp = Math.min(30, Math.round(MEMORY_SECONDS / 4));
  const every = Math.max(2, Math.round(MEMORY_SECONDS / 20));
  const t0 = Date.now();
  await page.waitForTimeout(warmUp * 1000);
  for (;;) {
    const main = await mainMemory(cdp);
    const delivered = Number(((await page.getByTestId("lane-durable-delivered").textContent()) ?? "").replace(/[^\d]/g, "")) || 0;
    samples.push({
      atSeconds: Math.round((Date.now() - t0) / 1000),
      mainHeap: main.heap,
      workerHeap: await workers.heap(/lab-engine|engine\/worker/),
      domNodes: main.domNodes,
      delivered,
      loadAverage: loadNow(),
    });
    if (Date.now() - t0 >= (MEMORY_SECONDS + warmUp) * 1000) break;
    await page.waitForTimeout(every * 1000);
  }
  await page.context().close();
  return { seconds: MEMORY_SECONDS, ratePerSecond: MEMORY_RATE, samples, trend: memoryTrend(samples) };
}

/** Figures the report must have; empty when complete. */
function missingFigures(r: BenchReport): string[] {
  const missing: string[] = [];
  const hasLoad = (l: readonly (readonly number[])[], n: number) =>
    l.length === n && l.every((t) => t.length === 3 && t.every(Number.isFinite));
  if (!hasLoad([r.machine.loadAverage, r.machine.loadAverageAtEnd ?? []], 2)) missing.push("load average at start and end");
  if (runs("load")) {
    if (!(r.load.initialRoute.gzipBytes > 0)) missing.push("initial route size");
    if (!Number.isFinite(r.load.timeToConnectedMs.median)) missing.push("time to connected");
    if (!hasLoad(r.load.loadAverages, r.load.timeToConnectedMs.n)) missing.push("load average (time to connected)");
    if (r.load.monacoRequestedWithEditor.length === 0) missing.push("Monaco loading with the editor");
  }
  if (runs("first-run")) {
    if (!Number.isFinite(r.firstRun.fromEditorMs.median)) missing.push("first Run");
    if (!Number.isFinite(r.firstRun.typesCheckedMs.median)) missing.push("first Run with types checked");
    if (!hasLoad(r.firstRun.loadAverages, r.firstRun.fromEditorMs.n)) missing.push("load average (first Run)");
  }
  if (runs("baselines")) {
    if (r.baselines.length !== Object.keys(COUNTS).length) missing.push("every baseline");
    for (const b of r.baselines) {
      if (!Number.isFinite(b.perSecond.median)) missing.push(`baseline ${b.op}`);
      if (!hasLoad(b.loadAverages, b.perSecond.n)) missing.push(`load average (baseline ${b.op})`);
    }
  }
  if (runs("lanes")) {
    for (const l of r.lanes) {
      if (!Number.isFinite(l.ratio.median)) missing.push(`lane ${l.lane}`);
      if (
        !hasLoad(
          l.pairs.map((p) => p.loadAverage),
          PAIRS,
        )
      )
        missing.push(`load average (lane ${l.lane})`);
      // Both orders, once there are two pairs: the first side must not always be the same one.
      if (PAIRS >= 2 && new Set(l.pairs.map((p) => p.order)).size !== 2) missing.push(`alternating order (lane ${l.lane})`);
    }
    if (r.lanes.length !== LANES_RUN.length) missing.push("every lane");
  }
  if (runs("smoothness"))
    for (const [view, s] of Object.entries(r.smoothness)) {
      if (!(s.frames > 0)) missing.push(`frame times (${view})`);
      if (!hasLoad(r.smoothnessLoad[view as keyof BenchReport["smoothnessLoad"]], 1)) missing.push(`load average (${view})`);
    }
  if (runs("memory")) {
    if (r.memory.samples.length < 3) missing.push("memory samples (3 or more for a slope)");
    if (!r.memory.samples.every((s) => s.workerHeap > 0)) missing.push("engine worker heap");
    if (
      !hasLoad(
        r.memory.samples.map((s) => s.loadAverage),
        r.memory.samples.length,
      )
    )
      missing.push("load average (memory samples)");
    for (const [what, t] of Object.entries(r.memory.trend)) if (!Number.isFinite(t.fraction)) missing.push(`memory slope (${what})`);
  }
  return missing;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
