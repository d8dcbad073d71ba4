import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { jetstreamManager } from "@nats-io/jetstream";
import { wsconnect } from "@nats-io/nats-core";
import { expect, test, type Page } from "@playwright/test";
import WebSocket from "ws";
import { startNats, type NatsServer } from "../../../scripts/nats/launcher.ts";
import { batchSent, button, env, fill, openApp, setProducer, shown, startLab } from "./app.ts";

// Faults played from outside the suite's own buttons, and what the lanes tell about them: someone
// deletes a lane's consumer; the server comes back with an empty store; JetStream's storage fills up;
// the server's max_payload is below the lab's payload. Each lane says what happened with the right
// counts and gets going again by itself (or, for the payload, Start waits with the reason at the field).

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
const SLOW = { timeout: 30_000 };
const LANES = ["core", "jetstream", "dedupe", "durable", "pool"] as const;
type Lane = (typeof LANES)[number];

const counter = (page: Page, lane: Lane, c: string) => shown(page, `lane-${lane}-${c}`);
const note = (page: Page, lane: Lane) => page.getByTestId(`lane-${lane}-note`);
const laneState = (page: Page, lane: Lane) => page.getByTestId(`lane-${lane}-state`);

/** Opens the lab on `server` with only `lanes` switched on; returns the participant id. */
async function openLab(page: Page, server: string, lanes: Lane[]): Promise<string> {
  await openApp(page, server, "#/lab");
  await expect(page.getByTestId("status-pill")).toHaveText("Connected", SLOW);
  for (const lane of LANES) {
    const sw = page.getByTestId(`lane-${lane}`).getByRole("switch", { name: "Run this lane" });
    if ((await sw.isChecked()) !== lanes.includes(lane)) await sw.click();
  }
  return (await page.getByTestId("lab-pid").textContent()) ?? "";
}

async function withJsm<T>(wsUrl: string, f: (jsm: Awaited<ReturnType<typeof jetstreamManager>>) => Promise<T>): Promise<T> {
  const nc = await wsconnect({ servers: wsUrl });
  try {
    return await f(await jetstreamManager(nc));
  } finally {
    await nc.close();
  }
}

test("someone deletes a lane's consumer mid-run: the lane says so within seconds, creates it again and goes on", async ({ page }) => {
  test.setTimeout(120_000);
  const ws = env("E2E_NATS_WS");
  const pid = await openLab(page, ws, ["jetstream"]);
  await setProducer(page, { rate: 50, retries: 0 });
  await startLab(page);
  await expect.poll(() => counter(page, "jetstream", "delivered"), SLOW).toBeGreaterThan(60);

  const stream = `LAB_${pid.toUpperCase()}_JETSTREAM`;
  const durable = await withJsm(ws, async (jsm) => {
    const [c] = await jsm.consumers.list(stream).next();
    if (!c) throw new Error("no consumer");
    await jsm.consumers.delete(stream, c.name);
    return c.name;
  });
  const deletedAt = Date.now();
  await expect(note(page, "jetstream")).toContainText("The durable consumer was deleted on the server while this lane consumed", SLOW);
  const toldMs = Date.now() - deletedAt;
  expect(toldMs, "told within seconds").toBeLessThan(10_000);
  await expect(laneState(page, "jetstream")).toHaveText("Running");
  // Created again (starting over from the stream's first message), and consuming: deliveries go on.
  const before = await counter(page, "jetstream", "delivered");
  await expect.poll(() => counter(page, "jetstream", "delivered"), SLOW).toBeGreaterThan(before + 50);
  expect(await withJsm(ws, async (jsm) => (await jsm.consumers.info(stream, durable)).name)).toBe(durable);
  await page.locator(".lab-log summary").click();
  await expect(page.getByTestId("lab-log-events").getByText(/deleted on the server while the lane consumed/)).toHaveCount(1);
  console.info(`deleted consumer: told after ${toldMs} ms`);
  await button(page, "Stop").click();
});

test.describe("faults with a server of their own", () => {
  let server: NatsServer | undefined;
  let storeDir = "";
  test.afterEach(async () => {
    await server?.stop();
    server = undefined;
    if (storeDir) rmSync(storeDir, { recursive: true, force: true });
    storeDir = "";
  });

  test("the server restarts with an empty store: the lane reports the acked messages it lost, by count, and goes on", async ({ page }) => {
    test.setTimeout(180_000);
    storeDir = mkdtempSync(path.join(os.tmpdir(), "e2e-empty-store-"));
    server = await startNats({ storeDir });
    const nats = server;
    await openLab(page, nats.wsUrl, ["durable"]);
    await setProducer(page, { rate: 30, retries: 0, events: 300 });
    await startLab(page);
    await expect.poll(() => counter(page, "durable", "delivered"), SLOW).toBeGreaterThan(20);
    // The consumer stops: the rest is stored (acked by the server) but never delivered.
    await page.getByTestId("lane-durable").getByRole("button", { name: "Stop consumer" }).click();
    await batchSent(page, 300, 60_000);
    await expect.poll(() => counter(page, "durable", "stored"), SLOW).toBe(300);
    const firstDeliveries = (await counter(page, "durable", "delivered")) - (await counter(page, "durable", "redelivered"));
    const lost = 300 - firstDeliveries;
    expect(lost).toBeGreaterThan(0);

    await nats.kill();
    rmSync(storeDir, { recursive: true, force: true });
    mkdirSync(storeDir, { recursive: true });
    await nats.restart();

    await expect(note(page, "durable")).toContainText(
      `of the 300 messages it had stored for this lane, the server lost ${lost.toLocaleString("en")} acked messages`,
      { timeout: 60_000 },
    );
    await expect(note(page, "durable")).toContainText("created the stream and its consumer again and goes on");
    const errors = await counter(page, "durable", "publishErrors");
    // The lane goes on: a new batch is stored in the new stream and delivered once the consumer runs again.
    await fill(page, "Number of events", "50");
    await page.getByTestId("lane-durable").getByRole("button", { name: "Start consumer" }).click();
    await expect.poll(() => counter(page, "durable", "stored"), SLOW).toBe(350);
    await expect
      .poll(() => withJsm(nats.wsUrl, async (jsm) => (await jsm.streams.list().next()).map((s) => s.state.messages)), SLOW)
      .toEqual([50]);
    // The consumer created with the new stream delivers its 50 messages, each once.
    await expect.poll(() => counter(page, "durable", "delivered"), SLOW).toBe(firstDeliveries + 50);
    expect(await counter(page, "durable", "publishErrors")).toBe(errors);
    await button(page, "Stop").click();
  });

  test("JetStream's storage fills up: the lane pauses the producer with a sentence naming the limit, and resumes once there is room", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    server = await startNats({ jetstreamMax: { memoryBytes: 1024 * 1024, fileBytes: 256 * 1024 } });
    const nats = server;
    const pid = await openLab(page, nats.wsUrl, ["jetstream"]);
    await setProducer(page, { rate: 500, retries: 0 });
    await startLab(page);
    await expect(laneState(page, "jetstream")).toHaveText("Paused", SLOW);
    await expect(note(page, "jetstream")).toContainText("Paused: the server refuses what this lane publishes.");
    await expect(note(page, "jetstream")).toContainText("JetStream has no room for this");
    await expect(note(page, "jetstream")).toContainText("tries one event again every 2 s");
    await expect(page.getByTestId("producer-done")).toContainText("Paused: the server refuses what JetStream publishes");
    // Bounded: one retry every 2 s, not 500 errors a second.
    const errorsAt = await counter(page, "jetstream", "publishErrors");
    await page.waitForTimeout(8_000);
    const errorsLater = await counter(page, "jetstream", "publishErrors");
    expect(errorsLater - errorsAt).toBeLessThanOrEqual(8);
    const stored = await counter(page, "jetstream", "stored");

    // Room again (the stream purged from outside): the next retry is stored and the producer goes on by itself.
    await withJsm(nats.wsUrl, (jsm) => jsm.streams.purge(`LAB_${pid.toUpperCase()}_JETSTREAM`));
    await expect(laneState(page, "jetstream")).toHaveText(/Running|Paused/);
    await expect.poll(() => counter(page, "jetstream", "stored"), SLOW).toBeGreaterThan(stored + 100);
    await page.locator(".lab-log summary").click();
    await expect(
      page
        .getByTestId("lab-log-events")
        .getByText(/Storing again after \d+\.\d s paused/)
        .first(),
    ).toBeVisible(SLOW);
    await button(page, "Stop").click();
  });

  test("a server max_payload below the lab's payload: the payload field says so and Start waits", async ({ page }) => {
    test.setTimeout(120_000);
    server = await startNats({ extraConfig: "max_payload: 1024" });
    await openLab(page, server.wsUrl, ["core", "jetstream"]);
    const payload = page.getByLabel("Payload (bytes)", { exact: true });
    await payload.fill("2000");
    const field = page.locator(".field", { has: payload });
    await expect(field.getByRole("alert")).toContainText("This server accepts at most 1,024 bytes per message (its max_payload");
    await expect(field.getByRole("alert")).toContainText("Use at most 896 bytes.");
    await expect(button(page, "Start")).toBeDisabled();
    await expect(page.getByTestId("lab-invalid-fields")).toContainText("Payload (bytes)");
    // What fits runs.
    await payload.fill("800");
    await expect(button(page, "Start")).toBeEnabled();
    await startLab(page);
    await expect.poll(() => counter(page, "jetstream", "stored"), SLOW).toBeGreaterThan(20);
    expect(await counter(page, "jetstream", "publishErrors")).toBe(0);
    await button(page, "Stop").click();
  });
});
