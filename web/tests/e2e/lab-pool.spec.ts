import { expect, test } from "@playwright/test";
import { button, env, openApp, shown, startLab } from "./app.ts";

// The worker-pool lane in a real browser: its consumer workers are Web Workers started by the lab's
// engine worker, each with its own connection to the server, sharing one durable consumer.

test("the cores story: one worker falls behind, added workers take their share, each event is processed once", async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page, env("E2E_NATS_WS"), "#/lab");
  await expect(page.getByTestId("status-pill")).toHaveText("Connected");
  await page.getByLabel("Preset").selectOption({ label: "Using all the cores" });
  await expect(page.getByTestId("preset-story")).toContainText("Add workers while it runs");
  const pool = page.getByTestId("lane-pool");
  await expect(pool.getByRole("switch", { name: "Run this lane" })).toBeChecked();
  await startLab(page);
  await expect(page.getByTestId("lane-pool-worker-1")).toContainText("running", { timeout: 30_000 });
  await expect(page.getByTestId("lane-pool-worker-2")).toHaveCount(0);
  // 1,000 events/s at 2 ms each: one worker can do at most 500/s, so the consumer's backlog grows.
  await expect.poll(() => shown(page, "lane-pool-pending"), { timeout: 30_000 }).toBeGreaterThan(300);

  await pool.getByRole("button", { name: "Add a worker" }).click();
  await expect(page.getByTestId("lane-pool-worker-2")).toContainText("running", { timeout: 30_000 });
  await expect.poll(() => shown(page, "lane-pool-worker-2-delivered"), { timeout: 30_000 }).toBeGreaterThan(100);
  await expect(pool.getByRole("button", { name: "Remove a worker" })).toBeEnabled();

  await button(page, "Stop").click();
  const delivered = await shown(page, "lane-pool-delivered");
  const perWorker = (await shown(page, "lane-pool-worker-1-delivered")) + (await shown(page, "lane-pool-worker-2-delivered"));
  expect(perWorker).toBe(delivered);
  await expect(page.getByTestId("lane-pool-processed-twice")).toHaveText(/Processed more than once: 0$/);
});
