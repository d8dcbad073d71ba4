import { describe, expect, it } from "vitest";
import { goalChecks, memoryTrend, renderReport, type BenchReport } from "./report.ts";
import { smoothness, spread, trend } from "./stats.ts";

const L = [1.5, 2, 3];
const sample = (atSeconds: number, mb: number) => ({
  atSeconds,
  mainHeap: mb * 1e6,
  workerHeap: 3e6,
  domNodes: 1_500,
  delivered: atSeconds * 100,
  loadAverage: [atSeconds === 30 ? 2.5 : 1.25, 2, 3],
});

function report(): BenchReport {
  const samples = [sample(30, 5), sample(60, 5.1), sample(90, 4.9)];
  return {
    mode: "quick",
    startedAt: "2026-12-01T19:00:00.000Z",
    durationSeconds: 100,
    machine: {
      cpu: "2 x CPU",
      memoryGiB: 24,
      os: "Linux",
      node: "v20",
      chromium: "156",
      natsServer: "2.9.10",
      loadAverage: L,
      loadAverageAtEnd: [4, 3, 2],
    },
    load: {
      initialRoute: { files: [{ file: "assets/main.js", bytes: 300_000, gzipBytes: 171_300 }], bytes: 300_000, gzipBytes: 171_300 },
      monacoRequestedBeforeEditor: [],
      monacoRequestedWithEditor: ["/assets/monaco.js"],
      timeToConnectedMs: spread([500, 600]),
      loadAverages: [L, L],
    },
    firstRun: {
      fromEditorMs: spread([400]),
      typesCheckedMs: spread([300]),
      typescriptReadyMs: spread([1_200]),
      loadAverages: [[0.75, 1, 1]],
    },
    baselines: [{ op: "core", count: 100_000, perSecond: spread([20_000, 22_000]), loadAverages: [L, [1.75, 2, 3]] }],
    lanes: [
      {
        lane: "core",
        baseline: "core",
        count: 100_000,
        pairs: [
          { order: "baseline-first", baselinePerSecond: 20_000, lanePerSecond: 19_000, ratio: 0.95, loadAverage: [1.1, 1, 1] },
          { order: "lane-first", baselinePerSecond: 20_000, lanePerSecond: 18_000, ratio: 0.9, loadAverage: [1.2, 1, 1] },
        ],
        ratio: spread([0.95, 0.9]),
      },
    ],
    smoothness: { lab: smoothness([16, 17, 18], [60]), exercise: smoothness([16, 17], []) },
    smoothnessLoad: { lab: [[3.5, 3, 3]], exercise: [[3.25, 3, 3]] },
    memory: {
      seconds: 60,
      ratePerSecond: 2_000,
      samples,
      trend: memoryTrend(samples),
    },
  };
}

describe("the benchmark report", () => {
  it("prints the load average beside every figure", () => {
    const md = renderReport(report());
    expect(md).toContain("Load average at start: 1.5, 2, 3; at the end: 4, 3, 2.");
    const rows = md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| ---"));
    // Every table but the list of files has a load column, filled in every row.
    const tables = md.split("\n\n").filter((b) => b.startsWith("| ") && !b.startsWith("| File"));
    for (const t of tables) {
      const [head, , ...body] = t.split("\n");
      expect(head).toMatch(/Load \(1 min\) \|$/);
      for (const row of body) expect(row).toMatch(/\| (\d+\.\d\d( – \d+\.\d\d)?|–) \|$/);
    }
    expect(rows.length).toBeGreaterThan(10);
    expect(md).toContain("| core | 1 | baseline | 20,000 | 19,000 | 0.95x | 1.10 |");
    expect(md).toContain("| core | 2 | lane | 20,000 | 18,000 | 0.90x | 1.20 |");
    expect(md).toContain("load 1.50)");
    expect(md).toContain("| First Run, pressed as the editor appears | 400 ms | one run | 1 | 0.75 |");
    expect(md).toContain("| 30 | 3,000 | 5.0 MB | 3.0 MB | 1,500 | 2.50 |");
  });

  it("writes kB for 1,000 bytes and judges heap growth by the slope over all samples", () => {
    const r = report();
    const md = renderReport(r);
    expect(md).toContain("**171.3 kB gzip**");
    const goals = goalChecks(r);
    const initial = goals.find((g) => g.goal.startsWith("initial route"));
    expect(initial).toMatchObject({ goal: "initial route < 300 kB gzip", value: "171.3 kB", ok: true });
    // 5.0 → 5.1 → 4.9 MB over a minute: -0.1 MB a minute, -1 MB per 10 min, with a wide error.
    const main = goals.find((g) => g.goal.startsWith("main-thread heap"));
    expect(main?.value).toBe("-1.00 MB ± 1.73 MB per 10 min (-20.0 %)");
    expect(main?.ok).toBe(true);
    expect(main?.load).toBe("1.25 – 2.50");
    const leaking = report();
    leaking.memory.trend.workerHeap = trend([0, 300, 600], [3e6, 3.3e6, 3.6e6]);
    expect(goalChecks(leaking).find((g) => g.goal.startsWith("engine worker heap"))?.ok).toBe(false);
  });
});
