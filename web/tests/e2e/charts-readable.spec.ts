import { expect, test, type Locator, type Page } from "@playwright/test";
import { areRoundTicks } from "../../src/features/lab/charts/ticks.ts";
import { button, env, openApp, setProducer, shown, startLab, whenConnected } from "./app.ts";

// The lab's charts are readable (issue 15): hovering a chart shows a crosshair and the values of each
// series, synced across the lane's charts, also by keyboard; every tick label fits its chart and none
// overlaps another; ticks are round (1/2/5 × 10^n; latency on a log axis); cutting a lane's connection
// puts a mark on its time axis. At a laptop's and a projector's width.

const LANES = ["core", "jetstream", "dedupe", "durable"] as const;
const RATE = 200;
const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

interface Readout {
  x: number | null;
  crosshair: number | null;
  values: Record<string, number | null>;
}

/** The crosshair's x and the readout's values of one chart (null: not shown). */
async function readout(chart: Locator): Promise<Readout> {
  return chart.evaluate((el) => {
    const box = el.querySelector<HTMLElement>(".lab-readout");
    const cross = el.querySelector<HTMLElement>(".lab-crosshair");
    const values: Record<string, number | null> = {};
    for (const row of el.querySelectorAll<HTMLElement>(".lab-readout-row")) {
      const raw = row.dataset.value ?? "";
      values[row.dataset.series ?? "?"] = raw === "" ? null : Number(raw);
      // The value is also shown as text, not only kept in an attribute.
      if (!(row.querySelector("b")?.textContent ?? "").trim()) values[row.dataset.series ?? "?"] = NaN;
    }
    return { x: box ? Number(box.dataset.x) : null, crosshair: cross ? Number(cross.dataset.x) : null, values };
  });
}

interface Fit {
  problems: string[];
  ticks: { chart: string; y: number[]; x: number[] }[];
}

/** Every tick label inside its plot's box and apart from the others on its axis; the ticks' values. */
async function measureLabels(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const ticks: { chart: string; y: number[]; x: number[] }[] = [];
    const overlap = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    for (const chart of document.querySelectorAll<HTMLElement>('[data-testid^="chart-"][role="img"]')) {
      const name = chart.dataset.testid ?? "?";
      const plot = chart.querySelector<HTMLElement>(".lab-plot-v2");
      if (!plot) {
        problems.push(`${name}: no plot`);
        continue;
      }
      const frame = plot.getBoundingClientRect();
      const figure = chart.closest("figure")!.getBoundingClientRect();
      const groups: [string, HTMLElement[]][] = [
        ["y", [...plot.querySelectorAll<HTMLElement>(".lab-tick-y")]],
        ["x", [...plot.querySelectorAll<HTMLElement>(".lab-tick-x")]],
        ["end", [...plot.querySelectorAll<HTMLElement>(".lab-end-label")]],
      ];
      for (const [axis, els] of groups) {
        const boxes = els.map((e) => e.getBoundingClientRect());
        boxes.forEach((r, i) => {
          const text = els[i]!.textContent;
          if (r.width === 0 || r.height === 0) problems.push(`${name} ${axis} "${text}": not shown`);
          for (const [what, b] of [
            ["plot", frame],
            ["figure", figure],
          ] as const)
            if (r.left < b.left - 0.5 || r.right > b.right + 0.5 || r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5)
              problems.push(`${name} ${axis} "${text}" outside its ${what}: ${JSON.stringify(r)} vs ${JSON.stringify(b)}`);
          for (let j = i + 1; j < boxes.length; j++)
            if (overlap(r, boxes[j]!)) problems.push(`${name} ${axis} "${text}" overlaps "${els[j]!.textContent}"`);
        });
      }
      // A label clipped by its own box (text wider than the element) is not fitted either.
      for (const e of plot.querySelectorAll<HTMLElement>(".lab-tick, .lab-end-label"))
        if (e.scrollWidth > e.clientWidth + 1) problems.push(`${name}: "${e.textContent}" is clipped`);
      ticks.push({
        chart: name,
        y: [...plot.querySelectorAll<HTMLElement>(".lab-tick-y")].map((e) => Number(e.dataset.value)).sort((a, b) => a - b),
        x: [...plot.querySelectorAll<HTMLElement>(".lab-tick-x")].map((e) => Number(e.dataset.value)),
      });
    }
    return { problems, ticks };
  });
}

const chart = (page: Page, id: string) => page.getByTestId(id);
const plotArea = (page: Page, id: string) => chart(page, id).locator(".lab-plot-area");

// Four lanes' connections, then a fault and its recovery: slow shared machines need more than a minute.
test.describe.configure({ timeout: 150_000 });

for (const viewport of VIEWPORTS) {
  test(`charts at ${viewport.width}×${viewport.height}: synced hover readout, fitted round labels, fault marks`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openApp(page, env("E2E_NATS_WS"), "#/lab");
    await whenConnected(page);
    for (const lane of LANES) await expect(page.getByTestId(`lane-${lane}`).getByRole("switch")).toBeChecked();
    // Only the four lanes this test reads: a lane added later (another mode) is switched off.
    for (const card of await page.locator("section.lane[data-testid^='lane-']").all()) {
      const id = (await card.getAttribute("data-testid"))!.slice("lane-".length);
      if (!(LANES as readonly string[]).includes(id) && (await card.getByRole("switch").isChecked()))
        await card.getByRole("switch").uncheck();
    }
    await setProducer(page, { rate: RATE, retries: 10 });
    await startLab(page);

    // A few completed seconds in every chart.
    for (const lane of LANES)
      await expect
        .poll(async () => Number(await chart(page, `chart-${lane}-throughput`).getAttribute("data-points")), { timeout: 30_000 })
        .toBeGreaterThanOrEqual(6);
    await expect
      .poll(async () => Number(await chart(page, "chart-dedupe-latency").getAttribute("data-points")), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(4);

    // Hover the dedupe lane's throughput chart two thirds along the time axis: a full second of the run.
    const lane = "dedupe";
    const charts = [`chart-${lane}-throughput`, `chart-${lane}-duplicates`, `chart-${lane}-latency`];
    await chart(page, charts[0]!).scrollIntoViewIfNeeded();
    const area = plotArea(page, charts[0]!);
    const box = (await area.boundingBox())!;
    // The newest completed second (−1 s … −3 s): wholly inside the run, so it has the producer's rate.
    await page.mouse.move(box.x + box.width * (1 - 2.5 / 60), box.y + box.height / 2);
    await expect(area.locator(".lab-readout")).toBeVisible();
    const hovered = await readout(chart(page, charts[0]!));
    expect(hovered.x).not.toBeNull();
    expect(hovered.crosshair).toBe(hovered.x);
    expect(hovered.x!).toBeGreaterThanOrEqual(-4);
    expect(hovered.x!).toBeLessThanOrEqual(-1);
    expect(Object.keys(hovered.values).sort()).toEqual(["delivered", "published"]);
    // Per second: about the producer's rate (10 % retries on top), delivered close to published.
    const { published, delivered } = hovered.values as { published: number; delivered: number };
    expect(published).toBeGreaterThan(RATE * 0.5);
    expect(published).toBeLessThan(RATE * 1.6);
    expect(delivered).toBeGreaterThan(published * 0.5);
    expect(delivered).toBeLessThanOrEqual(published * 1.5);
    // No more in one second than the lane's counters hold in total.
    expect(published).toBeLessThanOrEqual(await shown(page, `lane-${lane}-published`));

    // Synced: the lane's other charts show the crosshair at the same second, with their own series.
    for (const id of charts.slice(1)) {
      const r = await readout(chart(page, id));
      expect(r.crosshair, id).toBe(hovered.x);
      expect(r.x, id).toBe(hovered.x);
    }
    const dup = await readout(chart(page, charts[1]!));
    expect(Object.keys(dup.values)).toEqual(["duplicatesRejected"]);
    expect(dup.values.duplicatesRejected).toBeGreaterThanOrEqual(0);
    const lat = await readout(chart(page, charts[2]!));
    expect(Object.keys(lat.values).sort()).toEqual(["p50", "p99"]);
    expect(lat.values.p50!).toBeGreaterThan(0);
    expect(lat.values.p99!).toBeGreaterThanOrEqual(lat.values.p50!);
    // Another lane's charts are not part of the group.
    expect((await readout(chart(page, "chart-core-throughput"))).crosshair).toBeNull();

    // Leaving the chart hides the crosshair everywhere.
    await page.mouse.move(0, 0);
    for (const id of charts) await expect(chart(page, id).locator(".lab-crosshair")).toHaveCount(0);

    // Keyboard: focus the latency chart; the crosshair starts at its latest point, the arrows move it
    // on every chart of the lane, and the values are announced.
    const latency = chart(page, charts[2]!);
    await latency.focus();
    const start = (await readout(latency)).x!;
    expect(start).not.toBeNull();
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(async () => (await readout(latency)).x).toBeLessThan(start);
    const moved = (await readout(latency)).x;
    expect((await readout(chart(page, charts[0]!))).crosshair).toBe(moved);
    await expect(page.getByTestId(`${charts[2]}-readout`)).toHaveText(/(\d+ s ago|Now): p50 [\d.,]+ ms, p99 [\d.,]+ ms/);
    await page.keyboard.press("Escape");
    await expect(latency.locator(".lab-crosshair")).toHaveCount(0);

    // The combined chart's readout at its newest point shows what its data attributes report.
    const combined = chart(page, "chart-combined");
    await combined.scrollIntoViewIfNeeded();
    await combined.focus();
    await page.keyboard.press("End");
    const c = await combined.evaluate((el) => {
      const values: Record<string, string> = {};
      for (const row of el.querySelectorAll<HTMLElement>(".lab-readout-row")) values[row.dataset.series!] = row.dataset.value!;
      return {
        values,
        published: el.dataset.publishedLast,
        lanes: Object.fromEntries(Object.entries(el.dataset).filter(([k]) => k.startsWith("deliveredLast"))),
      };
    });
    expect(c.values.published).toBe(c.published);
    for (const l of LANES) expect(c.values[l], l).toBe(c.lanes[`deliveredLast${l[0]!.toUpperCase()}${l.slice(1)}`]);
    // Every lane is told apart by a labelled line end, not only by colour.
    await expect(combined.locator(".lab-end-label")).toHaveCount(LANES.length + 1);
    await combined.blur();

    // Labels: inside their plot, apart from each other, round.
    const fit = await measureLabels(page);
    expect(fit.problems).toEqual([]);
    expect(fit.ticks.length).toBeGreaterThanOrEqual(11);
    for (const t of fit.ticks) {
      expect(areRoundTicks(t.y), `${t.chart} y ticks ${t.y.join(", ")}`).toBe(true);
      expect(t.y.length, `${t.chart}: at least 0 and a top`).toBeGreaterThanOrEqual(2);
      expect(t.x[0], t.chart).toBe(-60);
      expect(t.x.at(-1), t.chart).toBe(0);
      const step = t.x[1]! - t.x[0]!;
      expect([5, 10, 20, 60], `${t.chart} x step`).toContain(step);
    }
    // Latency is on a log axis: decades (with 2 and 5 between) rather than 0, 63, 125, 188 ms.
    const latencyTicks = fit.ticks.find((t) => t.chart === `chart-${lane}-latency`)!;
    expect(latencyTicks.y[0]).toBeGreaterThan(0);
    await expect(chart(page, `chart-${lane}-latency`).locator(".lab-plot-v2")).toHaveAttribute("data-scale", "log");

    // A fault: cutting the core lane's connection marks the time axis of its charts and the combined chart.
    await page.getByTestId("lane-core").getByRole("button", { name: "Cut connection" }).click();
    await expect(chart(page, "chart-core-throughput").locator(".lab-mark").first()).toBeAttached({ timeout: 30_000 });
    await expect(chart(page, "chart-core-latency").locator(".lab-mark").first()).toBeAttached();
    await expect(combined.locator('.lab-mark[data-lane="core"]').first()).toBeAttached();
    const mark = chart(page, "chart-core-throughput").locator(".lab-mark").first();
    await expect(mark).toHaveAttribute("title", /connection|reconnect/i);
    // It sits on the time axis, inside the last seconds of the window.
    const markBox = (await mark.boundingBox())!;
    const coreBox = (await plotArea(page, "chart-core-throughput").boundingBox())!;
    expect(markBox.x).toBeGreaterThan(coreBox.x + coreBox.width * 0.7);
    expect(markBox.x).toBeLessThanOrEqual(coreBox.x + coreBox.width + 1);
    // Another lane has no mark of its own.
    await expect(chart(page, "chart-jetstream-throughput").locator(".lab-mark")).toHaveCount(0);

    // Hovering the mark's second names the event in the readout.
    // (The mark moves left as time goes on: each try reads where it is now.)
    await expect
      .poll(
        async () => {
          const now = (await mark.boundingBox())!;
          await page.mouse.move(now.x + 1, now.y + now.height / 2);
          return chart(page, "chart-core-throughput")
            .locator(".lab-readout-mark")
            .first()
            .textContent({ timeout: 1_000 })
            .catch(() => "");
        },
        { timeout: 20_000 },
      )
      .toMatch(/connection|reconnect/i);

    // The labels still fit with the marks drawn.
    expect((await measureLabels(page)).problems).toEqual([]);
    await button(page, "Stop").click();
  });
}
