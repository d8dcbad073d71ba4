// The lab's charts, A/B: the previous hand-written SVG plots (`?charts=svg`, SvgLinePlot.tsx) against
// the charts drawn with uPlot (the default since this measurement), in the same run. Four lanes flat out for 60 s with every chart on the page; per
// run the main thread's busy time (CDP Performance.getMetrics: TaskDuration, ScriptDuration, layout
// and style) and long tasks (PerformanceObserver), the load average beside each figure. The variant
// that runs first alternates from pair to pair.
//
//   npx tsx scripts/bench/charts-ab.ts [--pairs 2] [--seconds 60] [--no-build]
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser } from "@playwright/test";
import { build } from "vite";
import { CHROMIUM_ARGS, ensureChromium } from "../chromium.ts";
import { say } from "../lib/log.ts";
import { REPO_ROOT, startNats, type NatsServer } from "../nats/launcher.ts";
import { startWebServer } from "../web/serve.ts";
import { installProbe, startRecording, stopRecording } from "./page.ts";

const { values: args } = parseArgs({
  options: {
    pairs: { type: "string", default: "2" },
    seconds: { type: "string", default: "60" },
    rate: { type: "string", default: "50000" },
    dist: { type: "string", default: path.join(os.tmpdir(), "dist-charts-ab") },
    "no-build": { type: "boolean", default: false },
  },
});

const PAIRS = Number(args.pairs);
const SECONDS = Number(args.seconds);
const RATE = Number(args.rate);
const DIST = path.resolve(args.dist);
const STORAGE_KEY = "nats-playground:v1";
const LANES = ["core", "jetstream", "dedupe", "durable"];
type Variant = "svg" | "uplot";

interface Run {
  variant: Variant;
  order: number;
  taskMs: number;
  scriptMs: number;
  layoutStyleMs: number;
  longTasks: number;
  longTaskMs: number;
  delivered: number;
  charts: number;
  load: number[];
}

const fmt = (n: number) => n.toFixed(0).padStart(6);
const loadAvg = () => os.loadavg().map((l) => Number(l.toFixed(2)));

async function runOnce(browser: Browser, base: string, nats: NatsServer, variant: Variant, order: number): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addInitScript({ content: "globalThis.__name = (f) => f;" });
  await context.addInitScript(installProbe);
  const saved = {
    state: {
      labConfig: {
        producer: { ratePerSecond: RATE, payloadBytes: 128, retryShare: 0 },
        enabled: Object.fromEntries(LANES.map((l) => [l, true])),
        presetId: null,
      },
    },
    version: 0,
  };
  await context.addInitScript(
    ([key, value]) => {
      if (!sessionStorage.getItem("bench-seeded")) {
        localStorage.setItem(key, value);
        sessionStorage.setItem("bench-seeded", "1");
      }
    },
    [STORAGE_KEY, JSON.stringify(saved)] as const,
  );
  const page = await context.newPage();
  const query = `server=${encodeURIComponent(nats.wsUrl)}${variant === "svg" ? "&charts=svg" : ""}`;
  await page.goto(`${base}/?${query}#/lab`);
  await page
    .getByTestId("status-pill")
    .filter({ hasText: /^Connected$/ })
    .waitFor({ timeout: 30_000 });
  const start = page.getByRole("button", { name: "Start", exact: true });
  await start.waitFor();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
  const metrics = async () => {
    const { metrics } = await cdp.send("Performance.getMetrics");
    const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return { task: get("TaskDuration"), script: get("ScriptDuration"), layoutStyle: get("LayoutDuration") + get("RecalcStyleDuration") };
  };
  await page.waitForTimeout(500);
  await startRecording(page);
  const before = await metrics();
  await start.click();
  await page.getByRole("button", { name: "Stop", exact: true }).waitFor({ state: "visible" });
  await page.waitForTimeout(SECONDS * 1000);
  const after = await metrics();
  const { longTasks } = await stopRecording(page);
  const charts = await page.evaluate(
    (v) => document.querySelectorAll(v === "uplot" ? "[data-testid^='chart-'] canvas" : "[data-testid^='chart-'] path.lab-line").length,
    variant,
  );
  const delivered = await page.evaluate(
    (lanes) =>
      lanes.reduce(
        (sum, l) =>
          sum + (Number((document.querySelector(`[data-testid="lane-${l}-delivered"]`)?.textContent ?? "").replace(/[^\d]/g, "")) || 0),
        0,
      ),
    LANES,
  );
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await context.close();
  if (charts === 0) throw new Error(`${variant}: no chart was drawn by this variant`);
  return {
    variant,
    order,
    taskMs: after.task - before.task,
    scriptMs: after.script - before.script,
    layoutStyleMs: after.layoutStyle - before.layoutStyle,
    longTasks: longTasks.length,
    longTaskMs: longTasks.reduce((s, d) => s + d, 0),
    delivered,
    charts,
    load: loadAvg(),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

async function main(): Promise<void> {
  if (!args["no-build"]) {
    say(`building the production bundle into ${DIST} …`);
    await build({ configFile: path.join(REPO_ROOT, "vite.config.ts"), logLevel: "error", build: { outDir: DIST, emptyOutDir: true } });
  }
  const storeDir = mkdtempSync(path.join(os.tmpdir(), "charts-ab-nats-"));
  const nats = await startNats({ storeDir });
  const web = await startWebServer({ dist: DIST, host: "localhost", port: 0 });
  const browser = await chromium.launch({ executablePath: await ensureChromium(), args: CHROMIUM_ARGS });
  const runs: Run[] = [];
  try {
    say(`load average at the start: ${loadAvg().join(" ")} (${os.cpus().length} CPUs)`);
    for (let i = 0; i < PAIRS; i++) {
      const order: Variant[] = i % 2 === 0 ? ["svg", "uplot"] : ["uplot", "svg"];
      for (const [k, variant] of order.entries()) {
        say(`pair ${i + 1}/${PAIRS}: ${variant} (${k === 0 ? "first" : "second"}), four lanes at ${RATE}/s for ${SECONDS} s …`);
        const r = await runOnce(browser, web.localUrl, nats, variant, k);
        runs.push(r);
        say(
          `  ${variant.padEnd(5)} main-thread busy ${fmt(r.taskMs)} ms (script ${fmt(r.scriptMs)}, layout+style ${fmt(r.layoutStyleMs)}), ` +
            `long tasks ${r.longTasks} totalling ${fmt(r.longTaskMs)} ms, delivered ${r.delivered.toLocaleString("en")}, ` +
            `chart elements ${r.charts}, load ${r.load.join(" ")}`,
        );
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
    await web.close().catch(() => undefined);
    await nats.stop().catch(() => undefined);
    rmSync(storeDir, { recursive: true, force: true });
  }
  const of = (v: Variant) => runs.filter((r) => r.variant === v);
  const svg = of("svg");
  const up = of("uplot");
  const row = (v: Variant, rs: Run[]) =>
    `${v.padEnd(5)} median main-thread busy ${fmt(median(rs.map((r) => r.taskMs)))} ms, script ${fmt(median(rs.map((r) => r.scriptMs)))} ms, ` +
    `long tasks ${median(rs.map((r) => r.longTasks))} (${fmt(median(rs.map((r) => r.longTaskMs)))} ms), load ${rs.map((r) => r.load[0]).join(" / ")}`;
  console.log("\nsummary");
  console.log(row("svg", svg));
  console.log(row("uplot", up));
  const ratio = median(up.map((r) => r.taskMs)) / median(svg.map((r) => r.taskMs));
  console.log(
    `uPlot / SVG main-thread busy time: ${ratio.toFixed(2)}x → ${ratio <= 1.2 ? "adopt uPlot (within 1.2x)" : "keep the SVG plots (uPlot over 1.2x)"}`,
  );
  console.log(JSON.stringify(runs));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
