import { expect, test, type Page } from "@playwright/test";
import { PRESETS } from "../../src/lab/contract/presets.ts";
import { button, env, openApp, pasteCode, savedCode, shown, STORAGE_KEY, whenConnected } from "./app.ts";

/** Messages the server holds in a stream (monitoring endpoint). */
async function serverMessages(stream: string): Promise<number> {
  const jsz = (await (await fetch(`${env("E2E_NATS_MONITOR")}/jsz?streams=true`)).json()) as {
    account_details?: { stream_detail?: { name: string; state: { messages: number } }[] }[];
  };
  return (jsz.account_details ?? []).flatMap((a) => a.stream_detail ?? []).find((d) => d.name === stream)?.state.messages ?? -1;
}

// Presenter mode on a projector's resolutions: every running lane's six main counters and its
// published/delivered chart inside the viewport without scrolling, every text at least 2.5 % of the
// viewport's height; presets one click each, also while the lab runs; the reference solution run on
// the projector without touching the saved code.

const COUNTERS = ["published", "stored", "delivered", "duplicatesRejected", "redelivered", "lost"];
const LANES = ["core", "jetstream", "dedupe", "durable"] as const;

/** Every box inside the viewport, and the smallest font size of any text in the presenter view. */
async function measure(page: Page, lanes: readonly string[]) {
  return page.evaluate(
    ({ lanes, counters }) => {
      const vw = innerWidth;
      const vh = innerHeight;
      const outside: string[] = [];
      const inside = (el: Element | null, what: string) => {
        if (!el) return outside.push(`${what}: missing`);
        const r = el.getBoundingClientRect();
        if (r.top < 0 || r.left < 0 || r.bottom > vh + 0.5 || r.right > vw + 0.5 || r.width === 0)
          outside.push(`${what} at ${JSON.stringify(r)}`);
      };
      for (const lane of lanes) {
        for (const c of counters)
          inside(document.querySelector(`[data-testid="lane-${lane}-${c}"]`)?.closest(".counter") ?? null, `${lane} ${c}`);
        inside(document.querySelector(`[data-testid="chart-${lane}-throughput"]`), `${lane} chart`);
      }
      const root = document.querySelector('[data-testid="presenter-lab"]')!;
      let smallest = Infinity;
      let smallestText = "";
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent?.trim()) continue;
        const el = n.parentElement!;
        if (el.closest('[aria-hidden="true"]') && !el.closest(".lab-plot")) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < smallest) {
          smallest = size;
          smallestText = n.textContent.trim().slice(0, 40);
        }
      }
      const scrolls = document.documentElement.scrollHeight > vh + 1;
      return { outside, smallest, smallestText, minimum: 0.025 * vh, scrolls };
    },
    { lanes, counters: COUNTERS },
  );
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
]) {
  test(`presenter mode at ${size.width}×${size.height}: four lanes' counters and charts in view, text ≥ 2.5 % of the height`, async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ viewport: size });
    const page = await context.newPage();
    await openApp(page, undefined, "#/lab");
    await whenConnected(page);
    await page.keyboard.press("p");
    await expect(page.getByTestId("presenter-lab")).toBeVisible();
    await button(page, "Start").click();
    for (const lane of LANES) await expect.poll(() => shown(page, `lane-${lane}-delivered`), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(page.getByTestId("chart-durable-throughput")).toBeVisible();
    const m = await measure(page, LANES);
    test
      .info()
      .annotations.push({ type: "measured", description: `smallest text ${m.smallest}px ("${m.smallestText}"), minimum ${m.minimum}px` });
    expect(m.outside).toEqual([]);
    expect(m.scrolls).toBe(false);
    expect(m.smallest, `"${m.smallestText}"`).toBeGreaterThanOrEqual(m.minimum);

    // A preset is one click, while the lab runs: it stops, starts over and shows only its lanes.
    const story = PRESETS.find((p) => p.lanes.length < 4)!;
    // Long enough that the story's fresh start is seen as a count starting again from zero.
    await expect.poll(() => shown(page, `lane-${story.lanes[0]}-published`), { timeout: 30_000 }).toBeGreaterThan(400);
    const before = await shown(page, `lane-${story.lanes[0]}-published`);
    await button(page, story.title).click();
    await expect(page.getByRole("button", { name: story.title })).toHaveAttribute("aria-pressed", "true");
    await expect(page.locator(".presenter-lane")).toHaveCount(story.lanes.length);
    for (const lane of LANES.filter((l) => !story.lanes.includes(l)))
      await expect(page.getByTestId(`presenter-lane-${lane}`)).toHaveCount(0);
    await expect.poll(() => shown(page, `lane-${story.lanes[0]}-published`), { timeout: 30_000, intervals: [50] }).toBeLessThan(before);
    await expect.poll(() => shown(page, `lane-${story.lanes[0]}-delivered`), { timeout: 30_000 }).toBeGreaterThan(0);
    // The story started from empty streams: once stopped, the server holds what this run stored (PubAcks
    // seen, and a few in flight at Stop), nothing like the 400+ of the run before.
    const durable = story.lanes.includes("durable") ? "durable" : story.lanes.find((l) => l !== "core")!;
    await page.getByRole("button", { name: "Stop", exact: true }).click();
    await expect(page.getByRole("button", { name: "Start", exact: true })).toBeVisible();
    const pid = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "{}")?.state?.pid as string, STORAGE_KEY);
    const stored = await shown(page, `lane-${durable}-stored`);
    const onServer = await serverMessages(`LAB_${pid.toUpperCase()}_${durable.toUpperCase()}`);
    expect(onServer).toBeGreaterThanOrEqual(stored);
    expect(onServer).toBeLessThan(Math.min(before, stored + 100));
    await button(page, "Start").click();
    await expect.poll(() => shown(page, `lane-${story.lanes[0]}-delivered`), { timeout: 30_000 }).toBeGreaterThan(0);
    const m2 = await measure(page, story.lanes);
    expect(m2.outside).toEqual([]);
    expect(m2.smallest).toBeGreaterThanOrEqual(m2.minimum);
    // Fault buttons in reach, in view.
    await expect(page.getByTestId(`presenter-lane-${story.lanes[0]}`).getByRole("button", { name: "Cut connection" })).toBeInViewport();
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("presenter-lab")).toHaveCount(0);
    await page.getByRole("button", { name: "Stop", exact: true }).click();
    await context.close();
  });
}

test("on the projector the reference solution runs in an editor of its own; the saved code is untouched", async ({ page }) => {
  test.setTimeout(120_000);
  const slug = "01-hello-pubsub";
  await openApp(page, undefined, `#/exercises/${slug}`);
  await whenConnected(page);
  await expect(page.getByTestId("code-editor").locator(".view-lines")).toBeVisible({ timeout: 60_000 });
  const mine = 'export default async function main(ctx: ExerciseContext) {\n  ctx.log("mine");\n  return "mine";\n}\n';
  await pasteCode(page, slug, mine);
  await button(page, "Presenter mode").click();
  await button(page, "Load the reference solution").click();
  await expect(page.getByTestId("code-editor")).toContainText("subscribe");
  await button(page, "Check").click();
  await expect(page.getByTestId("console")).toContainText(/checks passed/, { timeout: 90_000 });
  await expect(page.getByTestId("check-results")).not.toContainText("fail");
  expect(await savedCode(page, slug)).toBe(mine);
  await button(page, "Back to the saved code").click();
  await expect(page.getByTestId("code-editor")).toContainText('ctx.log("mine")');
  await button(page, "Exit presenter mode").click();
});
