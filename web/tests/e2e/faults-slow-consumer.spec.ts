import { expect, test, type Page } from "@playwright/test";
import { startNats, type NatsServer } from "../../../scripts/nats/launcher.ts";
import { fill, openApp, shown } from "./app.ts";

// Fault 6, a slow consumer, in real Chromium against a real nats-server of the test's own (so the
// server's slow-consumer count is this test's alone).
//
// What this machine showed (nats-server 2.9.10, Chromium): a blocked thread does stop reading its
// websocket; the socket buffers absorb ~5-6 MB, then the server's pending bytes grow, and with
// write_deadline 1 s it logs "Slow Consumer Detected" and cuts the connection (default 10 s / 64 MB:
// a 5 s stall at 2 MB/s passes). But in this app nothing streams to the main thread (only the
// connection monitor's pings), and in the lab worker the producer shares the consumers' thread:
// blocking it stops the publishing too. So the lab's fault is a slow *awaited* handler, which the
// client library flags (its `slow` threshold), and blocking the main thread cuts nothing.

const SLOW = { timeout: 30_000 };
const ACK_WAIT = { timeout: 75_000 };

let server: NatsServer | undefined;
test.afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const counter = (page: Page, lane: string, c: string) => shown(page, `lane-${lane}-${c}`);
const card = (page: Page, lane: string) => page.getByTestId(`lane-${lane}`);

async function monitor<T>(s: NatsServer, path: string): Promise<T> {
  return (await (await fetch(`${s.monitorUrl}${path}`)).json()) as T;
}
const slowConsumers = async (s: NatsServer) => (await monitor<{ slow_consumers: number }>(s, "/varz")).slow_consumers;
const connections = async (s: NatsServer) =>
  (await monitor<{ connections: { cid: number; name?: string }[] }>(s, "/connz?limit=1024")).connections;

async function startLab(page: Page, s: NatsServer, lanes: string[], rate: number, events: number): Promise<string> {
  await openApp(page, s.wsUrl, "#/lab");
  const pill = page.getByTestId("status-pill");
  await expect.poll(() => pill.textContent(), SLOW).toMatch(/^(Connected|Connection failed)$/);
  // Only when the machine is so loaded that the first connect outlasts its 5 s timeout: load again once.
  if ((await pill.textContent()) !== "Connected") await page.reload();
  await expect(pill).toHaveText("Connected", SLOW);
  const pid = (await page.getByTestId("lab-pid").textContent()) ?? "";
  for (const lane of ["core", "jetstream", "dedupe", "durable"])
    if (!lanes.includes(lane)) await card(page, lane).getByRole("switch").uncheck();
  await fill(page, "Rate (events/s)", String(rate));
  await fill(page, "Retries (%)", "0");
  await fill(page, "Number of events", String(events));
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeEnabled(SLOW);
  return pid;
}

test("a slow handler: the client flags the backlog, the lane shows it, works it off and loses nothing", async ({ page }) => {
  test.setTimeout(180_000);
  server = await startNats();
  const s = server;
  const EVENTS = 10_000;
  await startLab(page, s, ["core", "jetstream"], 1_000, EVENTS);
  await expect.poll(() => counter(page, "core", "delivered"), SLOW).toBeGreaterThan(1_000);

  for (const lane of ["core", "jetstream"]) await card(page, lane).getByRole("button", { name: "Slow consumer (5 s)" }).click();
  const badge = page.getByTestId("lane-core-slow");
  await expect(badge).toHaveText("Slow consumer");
  await expect(page.getByTestId("lane-jetstream-slow")).toHaveText("Slow consumer");
  // The lane counts the messages waiting in the client (arrived, not yet handled).
  const note = page.getByTestId("lane-core-note");
  await expect(note).toContainText("messages waiting in the client");
  // The backlog in the client, as the lane counts it, climbs past the client library's threshold (100).
  let waiting = 0;
  await expect
    .poll(async () => {
      const m = /([\d,]+) messages waiting in the client/.exec((await note.textContent()) ?? "");
      waiting = Math.max(waiting, Number((m?.[1] ?? "0").replace(/,/g, "")));
      return waiting;
    }, SLOW)
    .toBeGreaterThan(100);
  await expect(page.getByTestId("lane-jetstream-note")).toContainText("the rest waits in the stream");
  // The pull consumer's backlog waits on the server: its pending, as the server reports it.
  await expect.poll(() => shown(page, "lane-jetstream-consumer-pending"), SLOW).toBeGreaterThan(100);

  // Worked off: the badge goes, the note says what happened.
  await expect(badge).toHaveCount(0, SLOW);
  await expect(note).toHaveText(/^Slow consumer caught up: up to [\d,]+ messages waited in the client; none was lost\.$/);
  await expect(page.getByTestId("lane-core-state")).toHaveText("Running");
  // The client library's own threshold on the subscription tripped: the lane logged its report.
  await page.locator("summary", { hasText: "Message log" }).click();
  await expect(page.getByTestId("lab-log-events")).toContainText(
    /Core NATS: Slow consumer: the client library flagged [\d,]+ messages waiting in the client\./,
  );
  // The browser kept reading the socket: the server never saw a slow consumer.
  expect(await slowConsumers(s)).toBe(0);

  // Every event accounted for.
  await expect.poll(() => counter(page, "core", "delivered"), SLOW).toBe(EVENTS);
  expect(await counter(page, "core", "published")).toBe(EVENTS);
  expect(await counter(page, "core", "lost")).toBe(0);
  await expect.poll(() => counter(page, "jetstream", "stored"), SLOW).toBe(EVENTS);
  // None missing, by the server's account: every stored message acked, nothing left to deliver. On a
  // busy machine the slow handler can stall the pulls long enough for the consume loop to miss two
  // heartbeats and start over: the batch it had not handled yet comes again after ack wait (30 s),
  // counted as redelivered, so allow for one ack wait.
  await expect.poll(() => shown(page, "lane-jetstream-consumer-ack-floor"), ACK_WAIT).toBe(EVENTS);
  await expect.poll(() => shown(page, "lane-jetstream-consumer-ack-pending"), SLOW).toBe(0);
  expect(await shown(page, "lane-jetstream-consumer-pending")).toBe(0);
  const delivered = await counter(page, "jetstream", "delivered");
  const redelivered = await counter(page, "jetstream", "redelivered");
  expect(delivered).toBeGreaterThanOrEqual(EVENTS);
  // No first delivery twice: the repeats are all counted as redeliveries.
  expect(delivered - redelivered).toBeLessThanOrEqual(EVENTS);
  console.log(
    `slow handler: core backlog ${waiting} shown; jetstream delivered ${delivered}, redelivered ${redelivered}; server slow_consumers ${await slowConsumers(s)}`,
  );
});

test("the page's main thread blocked for 5 s: no connection lives there that messages flow to, nothing is cut", async ({ page }) => {
  test.setTimeout(120_000);
  // A strict server: it cuts any connection it cannot write to for 1 s.
  server = await startNats({ extraConfig: 'write_deadline: "1s"' });
  const s = server;
  const EVENTS = 12_000;
  const pid = await startLab(page, s, ["core"], 1_000, EVENTS);
  await expect.poll(() => counter(page, "core", "delivered"), SLOW).toBeGreaterThan(1_000);
  const before = await connections(s);
  const monitorConn = before.find((c) => c.name === "workshop-playground");
  const subConn = before.find((c) => c.name === `lab.${pid}.core.sub`);
  expect(monitorConn).toBeDefined();
  expect(subConn).toBeDefined();
  const deliveredBefore = await counter(page, "core", "delivered");

  const blockedMs = await page.evaluate(() => {
    const start = Date.now();
    const end = start + 5_000;
    while (Date.now() < end);
    return Date.now() - start;
  });
  expect(blockedMs).toBeGreaterThanOrEqual(5_000);

  // The server flagged nothing and kept every connection (same ids): the monitor's gets only pings,
  // the lab's live in its worker, which went on meanwhile.
  expect(await slowConsumers(s)).toBe(0);
  const after = (await connections(s)).map((c) => c.cid);
  expect(after).toContain(monitorConn?.cid);
  expect(after).toContain(subConn?.cid);
  await expect(page.getByTestId("status-pill")).toHaveText("Connected");
  // The page shows the worker's progress at once: 5 s at 1,000/s were delivered while the page stood still.
  await expect.poll(() => counter(page, "core", "delivered"), SLOW).toBeGreaterThan(deliveredBefore + 4_000);
  await expect.poll(() => counter(page, "core", "delivered"), SLOW).toBe(EVENTS);
  expect(await counter(page, "core", "lost")).toBe(0);
  expect(await slowConsumers(s)).toBe(0);
  console.log(`main thread blocked ${blockedMs} ms: delivered ${deliveredBefore} before, ${EVENTS} in the end; server slow_consumers 0`);
});
