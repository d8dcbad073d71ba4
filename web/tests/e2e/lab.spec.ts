import { expect, test, type Page } from "@playwright/test";
import { freePort } from "../../../scripts/lib/ports.ts";
import { batchSent, button, env, fill, openApp, setProducer, shown, startLab } from "./app.ts";

// The lab against the real server: every figure checked here is one the page shows, and where the
// server has its own number (the monitoring endpoint), the page's number is checked against it.
// Each test gets a fresh browser context, hence a fresh participant id and its own streams.

const LANES = ["core", "jetstream", "dedupe", "durable"] as const;
/** The default lanes, and the worker pool (off unless a preset or the learner turns it on). */
const ALL_LANES = [...LANES, "pool"] as const;
type Lane = (typeof ALL_LANES)[number];
type Counter = "published" | "stored" | "delivered" | "duplicatesRejected" | "redelivered" | "lost" | "pending" | "publishErrors";

const SLOW = { timeout: 30_000 };

const counter = (page: Page, lane: Lane, c: Counter) => shown(page, `lane-${lane}-${c}`);
const card = (page: Page, lane: Lane) => page.getByTestId(`lane-${lane}`);

async function openLab(page: Page): Promise<string> {
  await openApp(page, env("E2E_NATS_WS"), "#/lab");
  await expect(page.getByRole("heading", { level: 1, name: "Lab" })).toBeVisible();
  await expect(page.getByTestId("status-pill")).toHaveText("Connected");
  return (await page.getByTestId("lab-pid").textContent()) ?? "";
}

/** The server's own message count for a stream, from the monitoring endpoint. */
async function serverMessages(stream: string): Promise<number | undefined> {
  const res = await fetch(`${env("E2E_NATS_MONITOR")}/jsz?streams=true`);
  const jsz = (await res.json()) as { account_details?: { stream_detail?: { name: string; state: { messages: number } }[] }[] };
  const streams = (jsz.account_details ?? []).flatMap((a) => a.stream_detail ?? []);
  return streams.find((s) => s.name === stream)?.state.messages;
}

test("retries: the dedupe lane rejects exactly the retries and stores what the server counts", async ({ page }) => {
  test.setTimeout(150_000);
  const pid = await openLab(page);
  const stream = `LAB_${pid.toUpperCase()}_DEDUPE`;
  await expect(page.getByTestId("lane-dedupe-stream-name")).toHaveText(stream);
  await setProducer(page, { rate: 200, retries: 10, events: 300 });
  await startLab(page);
  await batchSent(page, 300);
  const retries = await shown(page, "producer-retries");
  expect(retries).toBeGreaterThan(0);

  for (const lane of LANES) await expect.poll(() => counter(page, lane, "published"), SLOW).toBe(300);
  await expect.poll(() => counter(page, "dedupe", "duplicatesRejected"), SLOW).toBe(retries);
  await expect.poll(() => counter(page, "dedupe", "stored"), SLOW).toBe(300 - retries);
  await expect.poll(() => counter(page, "jetstream", "stored"), SLOW).toBe(300);
  // The server's count, read apart from the page, and the page's inspector agree with the lane.
  await expect.poll(() => serverMessages(stream), SLOW).toBe(300 - retries);
  await expect.poll(() => shown(page, "lane-dedupe-stream-messages"), SLOW).toBe(300 - retries);
  // Each stored event reaches the dedupe consumer once.
  await expect.poll(() => counter(page, "dedupe", "delivered"), SLOW).toBe(300 - retries);
  expect(await counter(page, "dedupe", "redelivered")).toBe(0);

  // Reset asks first, then deletes this participant's streams.
  await button(page, "Reset").click();
  await button(page, "Delete streams").click();
  await expect(button(page, "Start")).toBeEnabled(SLOW);
  await expect.poll(() => serverMessages(stream), SLOW).toBeUndefined();
});

test("consumers stopped while N events go out: core loses N, JetStream and durable deliver all N, dedupe nothing twice", async ({
  page,
}) => {
  test.setTimeout(150_000);
  await openLab(page);
  await setProducer(page, { rate: 200, retries: 10, events: 200 });
  await startLab(page);
  await batchSent(page, 200);
  for (const lane of ["core", "jetstream", "durable"] as const) await expect.poll(() => counter(page, lane, "delivered"), SLOW).toBe(200);
  await expect.poll(() => counter(page, "dedupe", "published"), SLOW).toBe(200);
  const firstStored = await counter(page, "dedupe", "stored");
  await expect.poll(() => counter(page, "dedupe", "delivered"), SLOW).toBe(firstStored);

  for (const lane of LANES) {
    await card(page, lane).getByRole("button", { name: "Stop consumer" }).click();
    await expect(page.getByTestId(`lane-${lane}-state`)).toHaveText("Consumer stopped");
  }
  await expect(page.getByTestId("lane-core-note")).toContainText("messages published now are lost");

  // A new batch of N while the lab runs: the event numbers go on, so none of them is a retry of the first batch.
  const N = 150;
  await fill(page, "Number of events", String(N));
  await batchSent(page, N);
  for (const lane of LANES) await expect.poll(() => counter(page, lane, "published"), SLOW).toBe(200 + N);
  // Nothing is delivered while the consumers are away.
  expect(await counter(page, "core", "delivered")).toBe(200);
  expect(await counter(page, "jetstream", "delivered")).toBe(200);
  expect(await counter(page, "durable", "delivered")).toBe(200);

  for (const lane of LANES) {
    await card(page, lane).getByRole("button", { name: "Start consumer" }).click();
    await expect(page.getByTestId(`lane-${lane}-state`)).toHaveText("Running", SLOW);
  }
  await expect.poll(() => counter(page, "jetstream", "delivered"), SLOW).toBe(200 + N);
  await expect.poll(() => counter(page, "durable", "delivered"), SLOW).toBe(200 + N);
  await expect.poll(() => counter(page, "core", "lost"), SLOW).toBe(N);
  expect(await counter(page, "core", "delivered")).toBe(200);
  // Dedupe: every stored event delivered, none twice.
  const stored = await counter(page, "dedupe", "stored");
  expect(stored + (await counter(page, "dedupe", "duplicatesRejected"))).toBe(200 + N);
  await expect.poll(() => counter(page, "dedupe", "delivered"), SLOW).toBe(stored);
  expect(await counter(page, "dedupe", "redelivered")).toBe(0);
});

test("durable lane failing 20 % of its acks: redeliveries appear and every event is finally acked", async ({ page }) => {
  test.setTimeout(150_000);
  await openLab(page);
  for (const lane of ["core", "jetstream", "dedupe"] as const) await card(page, lane).getByRole("switch").uncheck();
  const durable = card(page, "durable");
  await durable.locator("summary", { hasText: "Settings" }).click();
  await durable.getByLabel("Failure rate (%)").fill("20");
  await durable.getByLabel("Ack wait (s)").fill("1");
  await expect(durable.locator("summary")).toContainText("ack wait 1 s");
  await expect(durable.locator("summary")).toContainText("failures 20 %");
  await setProducer(page, { rate: 100, retries: 0, events: 200 });
  await startLab(page);
  for (const lane of ["core", "jetstream", "dedupe"] as const) await expect(page.getByTestId(`lane-${lane}-state`)).toHaveText("Off");
  await batchSent(page, 200);

  await expect.poll(() => counter(page, "durable", "redelivered"), SLOW).toBeGreaterThan(0);
  // Finally acked, by the server's own account: nothing pending, nothing unacked, the ack floor at the last message.
  await expect.poll(() => shown(page, "lane-durable-consumer-ack-floor"), { timeout: 45_000 }).toBe(200);
  await expect.poll(() => shown(page, "lane-durable-consumer-ack-pending"), SLOW).toBe(0);
  await expect.poll(() => shown(page, "lane-durable-consumer-pending"), SLOW).toBe(0);
  expect(await shown(page, "lane-durable-stream-messages")).toBe(200);
  const delivered = await counter(page, "durable", "delivered");
  const redelivered = await counter(page, "durable", "redelivered");
  expect(delivered - redelivered).toBe(200);
  expect(await shown(page, "lane-durable-max-deliver")).toBe(0);
});

test("cutting one lane's connection: it reconnects by itself, the other lanes never stop", async ({ page }) => {
  test.setTimeout(150_000);
  await openLab(page);
  await setProducer(page, { rate: 100, retries: 0 });
  await startLab(page);
  for (const lane of LANES) await expect.poll(() => counter(page, lane, "delivered"), SLOW).toBeGreaterThan(100);

  const before = {} as Record<Lane, number>;
  for (const lane of LANES) before[lane] = await counter(page, lane, "delivered");
  await card(page, "jetstream").getByRole("button", { name: "Cut connection" }).click();
  // (The note says "Connections cut", unless a publish whose PubAck was lost in the cut times out first.)
  // The cut lane consumes again: well past what it had when its connections went down.
  await expect.poll(() => counter(page, "jetstream", "delivered"), SLOW).toBeGreaterThan(before.jetstream + 300);
  await expect(page.getByTestId("lane-jetstream-state")).toHaveText("Running");
  for (const lane of ["core", "dedupe", "durable"] as const) {
    expect(await counter(page, lane, "delivered")).toBeGreaterThan(before[lane] + 250);
    expect(await counter(page, lane, "publishErrors")).toBe(0);
    await expect(page.getByTestId(`lane-${lane}-state`)).toHaveText("Running");
  }
  await button(page, "Stop").click();
  await expect(page.getByTestId("lane-core-state")).toHaveText("Stopped", SLOW);
  // The last run's numbers stay on screen after Stop.
  expect(await counter(page, "core", "delivered")).toBeGreaterThan(before.core);
});

test("a preset sets the lanes and tells its story", async ({ page }) => {
  await openLab(page);
  await page.getByLabel("Preset").selectOption({ label: "Retries and deduplication" });
  await expect(page.getByTestId("preset-story")).toContainText("the dedupe lane rejects each one by its Nats-Msg-Id");
  await expect(card(page, "core").getByRole("switch")).not.toBeChecked();
  await expect(card(page, "jetstream").getByRole("switch")).toBeChecked();
  await expect(card(page, "dedupe").getByRole("switch")).toBeChecked();
  await expect(card(page, "durable").getByRole("switch")).not.toBeChecked();
  await expect(page.getByLabel("Retries (%)", { exact: true })).toHaveValue("20");
  // Changing a setting by hand leaves the story: the settings are now custom.
  await fill(page, "Rate (events/s)", "75");
  await expect(page.getByLabel("Preset")).toHaveValue("");
});

test("invalid producer input: a message at the field, the typed text stays, and Start waits for it", async ({ page }) => {
  await openLab(page);
  const rate = page.getByLabel("Rate (events/s)", { exact: true });
  await rate.fill("fast");
  await expect(page.locator(".field").getByText('"fast" is not a number.')).toBeVisible();
  await expect(rate).toHaveValue("fast");
  await rate.fill("0");
  await expect(page.locator(".field").getByText("The rate must be a number from 1 to 50,000 events per second.")).toBeVisible();
  await fill(page, "Retries (%)", "95");
  await expect(page.locator(".field").getByText("The retry share must be between 0 % and 90 %.")).toBeVisible();
  await expect(page.getByLabel("Retries (%)", { exact: true })).toHaveValue("95");
  // Start would run the last valid values without a word: it waits for the fields instead.
  const start = page.getByRole("button", { name: "Start", exact: true });
  await expect(start).toBeDisabled();
  await expect(page.getByTestId("lab-invalid-fields")).toContainText("Start waits for 2 fields");
  await expect(page.getByTestId("lab-invalid-fields")).toContainText("“Rate (events/s)”: The rate must be");
  await expect(page.getByTestId("lab-invalid-fields")).toContainText("“Retries (%)”");
  await rate.fill("200");
  await fill(page, "Retries (%)", "10");
  await expect(page.getByTestId("lab-invalid-fields")).toHaveCount(0);
  await expect(start).toBeEnabled();
});

test("not connected: Start is disabled and the page says to connect first", async ({ page }) => {
  await openApp(page, `ws://127.0.0.1:${await freePort()}`, "#/lab");
  await expect(page.getByTestId("status-pill")).toHaveText("Connection failed");
  await expect(button(page, "Start")).toBeDisabled();
  await expect(page.getByRole("link", { name: "Connect first" })).toHaveAttribute("href", "#/connection");
});

// "An instructor can run each preset from a fresh start and the numbers on screen agree with the
// server's own": every preset, a short batch, and each JetStream lane's stored count against the server.
const PRESET_LANES: Record<string, Lane[]> = {
  "At-most-once vs at-least-once": ["core", "durable"],
  "Retries and deduplication": ["jetstream", "dedupe"],
  "Consumer crash and recovery": ["core", "jetstream", "dedupe", "durable"],
  "The inactive-threshold trap": ["durable"],
  "Using all the cores": ["pool"],
};
for (const [preset, lanes] of Object.entries(PRESET_LANES)) {
  test(`preset "${preset}" from a fresh start: the page's numbers agree with the server's`, async ({ page }) => {
    test.setTimeout(120_000);
    const pid = await openLab(page);
    await page.getByLabel("Preset").selectOption({ label: preset });
    await expect(page.getByTestId("preset-story")).toBeVisible();
    await fill(page, "Number of events", "60");
    await startLab(page);
    await batchSent(page, 60);
    for (const lane of ALL_LANES) {
      const running = (await card(page, lane).getByTestId(`lane-${lane}-state`).getAttribute("data-state")) === "running";
      expect(running, `${lane} runs in this preset`).toBe(lanes.includes(lane));
      if (!running) continue;
      // Everything published is delivered (at least once; exactly once per stored message without failures).
      await expect.poll(() => counter(page, lane, "published"), SLOW).toBe(60);
      if (lane === "core") {
        await expect.poll(() => counter(page, lane, "delivered"), SLOW).toBe(60);
        continue;
      }
      const stream = `LAB_${pid.toUpperCase()}_${lane.toUpperCase()}`;
      await expect.poll(async () => (await counter(page, lane, "stored")) === (await serverMessages(stream)), SLOW).toBe(true);
      const stored = await counter(page, lane, "stored");
      await expect.poll(() => shown(page, `lane-${lane}-stream-messages`), SLOW).toBe(stored);
      await expect
        .poll(async () => (await counter(page, lane, "delivered")) - (await counter(page, lane, "redelivered")), { timeout: 60_000 })
        .toBe(stored);
    }
    await button(page, "Stop").click();
  });
}
