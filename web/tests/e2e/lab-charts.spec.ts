import { expect, test, type Page } from "@playwright/test";
import { env, fill, openApp } from "./app.ts";

// The charts draw real data: every lane's series have points, uPlot's canvas draws the lines, and the
// sums of what the charts show match the lane counters, at each viewport size.

const LANES = ["core", "jetstream", "dedupe", "durable"] as const;
type Lane = (typeof LANES)[number];
const EVENTS = 400;
const RATE = 100; // 4 s of sending: the whole run fits in the charts' 60 s window

const VIEWPORTS = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 700, height: 900 },
];

interface LaneReading {
  points: number;
  /** Series the plot draws (its canvas' data-series). */
  paths: number;
  /** Series uPlot drew with at least two points (set by its draw hook). */
  drawn: number;
  publishedSum: number;
  deliveredSum: number;
  duplicatesSum: number | null;
  published: number;
  delivered: number;
  duplicatesRejected: number | null;
}

/** Reads a lane's chart attributes and counters in one go, so both come from the same render. */
async function readLane(page: Page, lane: Lane): Promise<LaneReading> {
  return page.evaluate((id) => {
    const byId = (testId: string) => document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    const num = (text: string | null | undefined) => {
      const digits = (text ?? "").replace(/[^\d]/g, "");
      return digits === "" ? null : Number(digits);
    };
    const chart = byId(`chart-${id}-throughput`);
    const duplicates = byId(`chart-${id}-duplicates`);
    const canvas = chart?.querySelector<HTMLElement>(".lab-plot-canvas");
    return {
      points: Number(chart?.dataset.points ?? 0),
      paths: (canvas?.dataset.series ?? "").split(" ").filter(Boolean).length,
      drawn: canvas?.querySelector("canvas") ? Number(canvas.dataset.drawn ?? 0) : 0,
      publishedSum: Number(chart?.dataset.publishedSum ?? NaN),
      deliveredSum: Number(chart?.dataset.deliveredSum ?? NaN),
      duplicatesSum: duplicates ? Number(duplicates.dataset.duplicatesSum ?? NaN) : null,
      published: num(byId(`lane-${id}-published`)?.textContent) ?? NaN,
      delivered: num(byId(`lane-${id}-delivered`)?.textContent) ?? NaN,
      duplicatesRejected: num(byId(`lane-${id}-duplicatesRejected`)?.textContent),
    };
  }, lane);
}

async function startLab(page: Page): Promise<void> {
  await openApp(page, env("E2E_NATS_WS"), "#/lab");
  await expect(page.getByTestId("status-pill")).toHaveText("Connected");
  await expect(page.getByLabel("Preset", { exact: true })).toBeVisible();
  for (const lane of LANES) await expect(page.getByTestId(`lane-${lane}`).getByRole("switch")).toBeChecked();
  await fill(page, "Rate (events/s)", String(RATE));
  await fill(page, "Retries (%)", "10");
  await fill(page, "Number of events", String(EVENTS));
  await page.getByRole("button", { name: "Start", exact: true }).click();
}

// Four lanes' connections and a 4 s batch: slow CI machines need more than the default minute.
test.describe.configure({ timeout: 90_000 });

for (const viewport of VIEWPORTS) {
  test(`the charts draw the counters at ${viewport.width}×${viewport.height}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await startLab(page);

    // While it runs: points, drawn lines, and sums that never exceed the counters.
    for (const lane of LANES) {
      await expect
        .poll(
          async () => {
            const r = await readLane(page, lane);
            return r.points >= 2 && r.drawn === 2 && r.publishedSum > 0 && r.deliveredSum > 0;
          },
          { timeout: 20_000, message: `${lane}: throughput chart with points and two drawn lines` },
        )
        .toBe(true);
      const r = await readLane(page, lane);
      expect(r.paths, lane).toBe(2);
      expect(r.publishedSum, lane).toBeLessThanOrEqual(r.published);
      expect(r.deliveredSum, lane).toBeLessThanOrEqual(r.delivered);
      await expect(page.getByTestId(`chart-${lane}-throughput`)).toHaveAttribute("role", "img");
      await expect(page.getByTestId(`chart-${lane}-throughput`)).toHaveAttribute("aria-label", /per second over the last \d+ s/);
      await expect(page.getByTestId(`chart-${lane}-latency`).locator(".lab-plot-canvas")).toHaveAttribute("data-series", "p50 p99");
    }
    await expect(page.getByTestId("chart-dedupe-duplicates").locator(".lab-plot-canvas")).toHaveAttribute(
      "data-series",
      "duplicatesRejected",
    );
    await expect(page.getByTestId("chart-durable-redeliveries").locator(".lab-plot-canvas")).toHaveAttribute("data-series", "redelivered");

    // The batch is sent; two seconds later its last second is complete, and the window covers the whole run.
    await expect(page.getByTestId("producer-done")).toHaveText("Batch sent.", { timeout: 30_000 });
    await page.waitForTimeout(2_000);
    for (const lane of LANES) {
      await expect
        .poll(
          async () => {
            const r = await readLane(page, lane);
            return { published: r.publishedSum - r.published, delivered: r.deliveredSum - r.delivered };
          },
          { timeout: 15_000, message: `${lane}: chart sums equal the counters` },
        )
        .toEqual({ published: 0, delivered: 0 });
      const r = await readLane(page, lane);
      expect(r.published, lane).toBe(EVENTS);
      expect(r.points, lane).toBeLessThanOrEqual(60);
    }
    const dedupe = await readLane(page, "dedupe");
    expect(dedupe.duplicatesRejected).toBeGreaterThan(0);
    expect(dedupe.duplicatesSum).toBe(dedupe.duplicatesRejected);

    // The combined chart ends at what was sent and each lane's deliveries.
    const combined = page.getByTestId("chart-combined");
    await expect(combined).toHaveAttribute("data-published-last", String(EVENTS));
    for (const lane of LANES) {
      const delivered = (await readLane(page, lane)).delivered;
      await expect(combined).toHaveAttribute(`data-delivered-last-${lane}`, String(delivered));
    }
    await expect(combined.locator(".lab-plot-canvas")).toHaveAttribute("data-series", ["published", ...LANES].join(" "));
    await expect(combined.locator(".lab-plot-canvas canvas")).toHaveCount(1);
  });
}
