import { expect, test, type Page } from "@playwright/test";
import { batchSent, button, env, openApp, setProducer, shown, startLab } from "./app.ts";

// Fault suite, the consumer's side in a real browser against the real server (issue 7, items 4, 5, 7):
// messages never acked stop at max deliver and the page shows them; a consumer killed mid-batch (its
// Web Worker terminated) loses nothing and its duplicates are counted; a hidden, frozen tab starts no
// second consume loop and its counters and charts catch up. Every number the page shows is checked
// against the server's own (the monitoring endpoint), read apart from the page.

const LANES = ["core", "jetstream", "dedupe", "durable"] as const;
type Lane = (typeof LANES)[number];
type Counter = "published" | "stored" | "delivered" | "redelivered" | "publishErrors";

const SLOW = { timeout: 30_000 };

const counter = (page: Page, lane: Lane, c: Counter) => shown(page, `lane-${lane}-${c}`);
const card = (page: Page, lane: Lane) => page.getByTestId(`lane-${lane}`);

async function openLab(page: Page): Promise<string> {
  await openApp(page, env("E2E_NATS_WS"), "#/lab");
  await expect(page.getByRole("heading", { level: 1, name: "Lab" })).toBeVisible();
  const pill = page.getByTestId("status-pill");
  await expect(pill).toHaveText(/^(Connected|Connection failed)$/, SLOW);
  if ((await pill.textContent()) === "Connection failed") {
    // Measured on this 2-core machine under a load of ~18: the server closed a first websocket whose
    // handshake a starved browser did not finish in time. That is not what these tests are about: open again.
    console.log("[faults-consumer] the first connection failed (machine under load): opening the page again");
    await page.reload();
  }
  await expect(pill).toHaveText("Connected", SLOW);
  return (await page.getByTestId("lab-pid").textContent()) ?? "";
}

async function onlyDurable(page: Page): Promise<void> {
  for (const lane of ["core", "jetstream", "dedupe"] as const) await card(page, lane).getByRole("switch").uncheck();
}

async function durableSettings(page: Page, s: { failurePct: number; ackWaitS: number; maxDeliver: number }): Promise<void> {
  const durable = card(page, "durable");
  const summary = durable.locator("summary", { hasText: "Settings" });
  if (!(await durable.getByLabel("Failure rate (%)").isVisible())) await summary.click();
  await durable.getByLabel("Failure rate (%)").fill(String(s.failurePct));
  await durable.getByLabel("Ack wait (s)").fill(String(s.ackWaitS));
  await durable.getByLabel("Max deliver").fill(String(s.maxDeliver));
  await expect(summary).toContainText(`ack wait ${s.ackWaitS} s`);
  await expect(summary).toContainText(`max deliver ${s.maxDeliver === -1 ? "∞" : s.maxDeliver}`);
  await expect(summary).toContainText(`failures ${s.failurePct} %`);
}

const streamName = (pid: string, lane: Lane) => `LAB_${pid.toUpperCase()}_${lane.toUpperCase()}`;

interface ServerConsumer {
  messages: number;
  lastSeq: number;
  delivered: { consumer_seq: number; stream_seq: number };
  ack_floor: { consumer_seq: number; stream_seq: number };
  num_pending: number;
  num_ack_pending: number;
  num_redelivered: number;
  num_waiting: number;
}

/** A stream's state and its (single) consumer, as the server's monitoring endpoint reports them. */
async function serverConsumer(stream: string): Promise<ServerConsumer | undefined> {
  const res = await fetch(`${env("E2E_NATS_MONITOR")}/jsz?consumers=true`);
  type Detail = {
    name: string;
    state: { messages: number; last_seq: number };
    consumer_detail?: Omit<ServerConsumer, "messages" | "lastSeq">[];
  };
  const jsz = (await res.json()) as { account_details?: { stream_detail?: Detail[] }[] };
  const s = (jsz.account_details ?? []).flatMap((a) => a.stream_detail ?? []).find((d) => d.name === stream);
  const c = s?.consumer_detail?.[0];
  return s && c ? { messages: s.state.messages, lastSeq: s.state.last_seq, ...c } : undefined;
}

/** The subscriptions of the client connections with this name (one per open connection). */
async function connections(name: string): Promise<string[][]> {
  const res = await fetch(`${env("E2E_NATS_MONITOR")}/connz?subs=1&limit=4096`);
  const connz = (await res.json()) as { connections?: { name?: string; subscriptions_list?: string[] }[] };
  return (connz.connections ?? []).filter((c) => c.name === name).map((c) => c.subscriptions_list ?? []);
}

test("item 4: messages never acked come again after ack wait, stop at max deliver, and the page shows the ones that hit it", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const N = 20;
  const MAX = 3;
  const pid = await openLab(page);
  const stream = streamName(pid, "durable");
  await onlyDurable(page);
  await durableSettings(page, { failurePct: 100, ackWaitS: 1, maxDeliver: MAX });
  await setProducer(page, { rate: 100, retries: 0, events: N });
  await startLab(page);
  await batchSent(page, N);

  // Each message delivered exactly MAX times: the first delivery, then one per ack wait.
  await expect.poll(() => counter(page, "durable", "delivered"), SLOW).toBe(N * MAX);
  await expect.poll(() => counter(page, "durable", "redelivered"), SLOW).toBe(N * (MAX - 1));
  await expect.poll(() => shown(page, "lane-durable-max-deliver"), SLOW).toBe(N);
  // Two more ack waits: a fourth delivery would have come by now. None does.
  await page.waitForTimeout(2_500);
  expect(await counter(page, "durable", "delivered")).toBe(N * MAX);

  // The server agrees: every delivery took a consumer sequence, none is pending or awaited any more.
  await expect.poll(async () => (await serverConsumer(stream))?.num_ack_pending, SLOW).toBe(0);
  const server = await serverConsumer(stream);
  console.log(`[item 4] lane delivered ${N * MAX}, redelivered ${N * (MAX - 1)}, hit max deliver ${N}; server ${JSON.stringify(server)}`);
  expect(server).toMatchObject({
    messages: N,
    delivered: { consumer_seq: N * MAX, stream_seq: N },
    num_pending: 0,
    num_ack_pending: 0,
    // Never acked, so the floor never moves.
    ack_floor: { stream_seq: 0 },
  });
  // num_redelivered is a gauge of redelivered-and-unacked messages: 2.9.10 keeps counting the ones that
  // hit the limit (all N here); a newer server may forget them (0). The inspector shows the server's figure.
  expect([0, N]).toContain(server?.num_redelivered);
  await expect.poll(() => shown(page, "lane-durable-consumer-redelivered"), SLOW).toBe(server?.num_redelivered);
  await expect.poll(() => shown(page, "lane-durable-consumer-ack-floor"), SLOW).toBe(0);
  await expect.poll(() => shown(page, "lane-durable-consumer-ack-pending"), SLOW).toBe(0);

  // The message log shows each message's last delivery: delivery MAX, not acked.
  await page.locator("summary", { hasText: "Message log" }).click();
  await page.getByLabel("Lane", { exact: true }).selectOption({ label: "Durable consumer" });
  const rows = page.locator(".lab-log tbody tr");
  await expect(rows.first()).toBeVisible();
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
  // Columns: time, subject, Nats-Msg-Id, seq, delivery, latency, outcome (one lane: no lane column).
  const last = cells.filter((c) => c[4] === String(MAX));
  expect(last).toHaveLength(N);
  expect(last.every((c) => c[6] === "skipped")).toBe(true);
  expect(new Set(last.map((c) => c[3]))).toEqual(new Set(Array.from({ length: N }, (_, i) => String(i + 1))));
  expect(cells.every((c) => Number(c[4]) <= MAX)).toBe(true);
  await page.locator("summary", { hasText: "Message log" }).click();

  // A fresh run without failures: nothing comes twice, nothing hits the limit.
  await button(page, "Stop").click();
  await button(page, "Reset").click();
  await button(page, "Delete streams").click();
  await expect(button(page, "Start")).toBeEnabled(SLOW);
  await expect.poll(() => serverConsumer(stream), SLOW).toBeUndefined();
  await durableSettings(page, { failurePct: 0, ackWaitS: 1, maxDeliver: MAX });
  await startLab(page);
  await batchSent(page, N);
  await expect.poll(() => counter(page, "durable", "delivered"), SLOW).toBe(N);
  await expect.poll(() => shown(page, "lane-durable-consumer-ack-floor"), SLOW).toBe(N);
  const clean = await serverConsumer(stream);
  expect(clean).toMatchObject({
    messages: N,
    delivered: { consumer_seq: N, stream_seq: N },
    ack_floor: { stream_seq: N },
    num_redelivered: 0,
  });
  expect(await counter(page, "durable", "redelivered")).toBe(0);
  expect(await shown(page, "lane-durable-max-deliver")).toBe(0);
  await button(page, "Stop").click();
});

test("item 5: a consumer killed mid-batch (its worker terminated): a new page resumes the durable, nothing is missing, duplicates are counted", async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  const pid = await openLab(page);
  const stream = streamName(pid, "durable");
  await onlyDurable(page);
  // Ack wait 2 s: what the killed page had not acked comes again 2 s after the new page asks.
  await durableSettings(page, { failurePct: 0, ackWaitS: 2, maxDeliver: -1 });
  const BATCH = 8_000;
  await setProducer(page, { rate: 2_000, retries: 0, events: BATCH });
  await startLab(page);
  // Mid-batch: the producer still sending, the consumer's pulls and acks in flight.
  await expect.poll(() => counter(page, "durable", "delivered"), SLOW).toBeGreaterThan(1_500);
  const seenBeforeKill = await counter(page, "durable", "delivered");
  await page.close(); // terminates the lab's Web Worker and with it both of the lane's connections

  // Once the server has seen the connections go, the consumer's state is frozen until someone pulls again.
  await expect.poll(async () => (await connections(`lab.${pid}.durable.sub`)).length, SLOW).toBe(0);
  await expect.poll(async () => (await connections(`lab.${pid}.durable.pub`)).length, SLOW).toBe(0);
  const atKill = await serverConsumer(stream);
  if (!atKill) throw new Error("the durable consumer should outlive its page (inactive threshold 10 min)");
  const stored = atKill.messages;
  console.log(`[item 5] killed after the page showed ${seenBeforeKill} deliveries; server at the kill: ${JSON.stringify(atKill)}`);
  expect(stored).toBeGreaterThan(seenBeforeKill);
  // Mid-batch for real: the server had delivered messages that were never acked.
  expect(atKill.num_ack_pending).toBeGreaterThan(0);
  expect(atKill.delivered.stream_seq).toBeLessThanOrEqual(stored);

  // The same participant (same browser context, same localStorage) opens the lab again and starts the
  // durable lane: the lab's Start always sends, so a batch of one event (stored after the others).
  const again = await context.newPage();
  expect(await openLab(again)).toBe(pid);
  await expect(card(again, "durable").getByRole("switch")).toBeChecked();
  await expect(card(again, "core").getByRole("switch")).not.toBeChecked();
  await setProducer(again, { rate: 1, retries: 0, events: 1 });
  await startLab(again);
  await batchSent(again, 1);
  // The same durable consumer, resumed at its ack floor: not recreated (that would say so in the note).
  await expect(again.getByTestId("lane-durable-consumer-exists")).toHaveText("yes", SLOW);
  await expect(again.getByTestId("lane-durable-note")).not.toContainText("gone");

  const total = stored + 1;
  // Every stored message acked, by the server's account: ack floor at the last message, nothing pending.
  await expect.poll(async () => (await serverConsumer(stream))?.ack_floor.stream_seq, { timeout: 60_000 }).toBe(total);
  const end = await serverConsumer(stream);
  expect(end).toMatchObject({ messages: total, lastSeq: total, num_pending: 0, num_ack_pending: 0, num_redelivered: 0 });
  await expect.poll(() => shown(again, "lane-durable-consumer-ack-floor"), SLOW).toBe(total);
  await expect.poll(() => shown(again, "lane-durable-stream-messages"), SLOW).toBe(total);

  // What the new page's lane counted matches the server delivery for delivery.
  await expect
    .poll(
      async () => (await counter(again, "durable", "delivered")) === (end?.delivered.consumer_seq ?? 0) - atKill.delivered.consumer_seq,
      SLOW,
    )
    .toBe(true);
  const delivered = await counter(again, "durable", "delivered");
  const redelivered = await counter(again, "durable", "redelivered");
  console.log(
    `[item 5] stored ${total}; new page delivered ${delivered} (${redelivered} redelivered); server at the end: ${JSON.stringify(end)}`,
  );
  // Classified: none missing (each stored message first delivered once, across both pages) and the
  // duplicates are exactly those delivered to the killed page and never acked, each counted as a redelivery.
  const firstDeliveries = atKill.delivered.stream_seq + (delivered - redelivered);
  expect(firstDeliveries).toBe(total);
  expect(redelivered).toBe(atKill.num_ack_pending);
  expect((end?.delivered.consumer_seq ?? 0) - total).toBe(atKill.delivered.consumer_seq - atKill.delivered.stream_seq + redelivered);
  await button(again, "Stop").click();
});

test("item 7: a hidden, frozen tab starts no second consume loop, and counters and charts catch up when it is shown", async ({ page }) => {
  test.setTimeout(180_000);
  // Counts the snapshots the page receives from the lab's worker (the page's side of postMessage).
  await page.addInitScript(() => {
    const Base = window.Worker;
    const w = window as unknown as { __snapshots: number };
    w.__snapshots = 0;
    window.Worker = class extends Base {
      constructor(url: string | URL, opts?: WorkerOptions) {
        super(url, opts);
        this.addEventListener("message", (e: MessageEvent<{ type?: string }>) => {
          if (e.data?.type === "snapshot") w.__snapshots++;
        });
      }
    };
  });
  const snapshots = () => page.evaluate(() => (window as unknown as { __snapshots: number }).__snapshots);
  const setVisibility = (state: "hidden" | "visible") =>
    page.evaluate((s) => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => s });
      Object.defineProperty(document, "hidden", { configurable: true, get: () => s === "hidden" });
      document.dispatchEvent(new Event("visibilitychange"));
    }, state);

  const pid = await openLab(page);
  const EVENTS = 2_000;
  await setProducer(page, { rate: 100, retries: 0, events: EVENTS }); // 20 s: the run fits the charts' 60 s window
  await startLab(page);
  for (const lane of LANES) await expect.poll(() => counter(page, lane, "delivered"), SLOW).toBeGreaterThan(150);
  const subsOf = async (lane: Lane) => {
    const conns = await connections(`lab.${pid}.${lane}.sub`);
    expect(conns, `${lane}: one consuming connection`).toHaveLength(1);
    return conns[0]?.length ?? 0;
  };
  const baseline = {} as Record<Lane, number>;
  for (const lane of LANES) baseline[lane] = await subsOf(lane);
  const durable = streamName(pid, "durable");
  const before = await serverConsumer(durable);

  // Hidden, then frozen (Page.setWebLifecycleState: the page's timers and tasks stop, as Chromium does to
  // a background tab), longer than two missed heartbeats (2 × 2.5 s) and a pull's expiry (5 s).
  await setVisibility("hidden");
  const atHide = await snapshots();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Page.setWebLifecycleState", { state: "frozen" });
  const frozenAt = Date.now();
  // A frozen page does not stop its dedicated worker (measured): the engine produces and consumes on.
  await expect
    .poll(async () => ((await serverConsumer(durable))?.delivered.stream_seq ?? 0) - (before?.delivered.stream_seq ?? 0), SLOW)
    .toBeGreaterThan(300);
  // The worst case for the consume loop: the engine's own timers stalled too (a suspended laptop, or
  // throttling that reached the worker): its event loop blocked 8 s while messages pile up for it.
  const [worker] = page.workers();
  if (!worker) throw new Error("the lab engine runs in a Web Worker");
  const stalled = await worker.evaluate(() => {
    const t = Date.now();
    while (Date.now() - t < 8_000) {
      // stalled: no timer, no message, no heartbeat check runs
    }
    return Date.now() - t;
  });
  const frozenMs = Date.now() - frozenAt;
  await cdp.send("Page.setWebLifecycleState", { state: "active" });
  // Frozen and hidden, the page was sent nothing to catch up on (a snapshot already in flight at most).
  const whileHidden = (await snapshots()) - atHide;
  await setVisibility("visible");
  await expect.poll(snapshots, { timeout: 5_000 }).toBeGreaterThan(atHide + whileHidden);
  console.log(`[item 7] frozen ${frozenMs} ms (worker stalled ${stalled} ms); snapshots received while hidden: ${whileHidden}`);
  expect(whileHidden).toBeLessThanOrEqual(2);

  // Exactly one consume loop per lane: the lane's consuming connection holds as many subscriptions as
  // before (a second loop would hold a second pull inbox), checked repeatedly while the backlog drains.
  for (let i = 0; i < 12; i++) {
    for (const lane of LANES) expect(await subsOf(lane), `${lane}: subscriptions`).toBe(baseline[lane]);
    await page.waitForTimeout(250);
  }

  await batchSent(page, EVENTS, 60_000);
  for (const lane of LANES) await expect.poll(() => counter(page, lane, "published"), SLOW).toBe(EVENTS);
  await expect.poll(() => counter(page, "core", "delivered"), SLOW).toBe(EVENTS);
  for (const lane of ["jetstream", "dedupe", "durable"] as const) {
    const stream = streamName(pid, lane);
    await expect.poll(async () => (await serverConsumer(stream))?.ack_floor.stream_seq, SLOW).toBe(EVENTS);
    const server = await serverConsumer(stream);
    expect(server).toMatchObject({ messages: EVENTS, num_pending: 0, num_ack_pending: 0 });
    // Delivered reaches the stored count; a message that came twice is counted as a redelivery, and
    // the lane counted every delivery the server made.
    await expect.poll(() => counter(page, lane, "delivered"), SLOW).toBe(server?.delivered.consumer_seq);
    const redelivered = await counter(page, lane, "redelivered");
    const after = await serverConsumer(stream);
    expect(redelivered, `${lane}: redelivered; server before ${JSON.stringify(server)}, after ${JSON.stringify(after)}`).toBe(
      (server?.delivered.consumer_seq ?? 0) - EVENTS,
    );
    // Each publish acked, or (its PubAck timer fired first when the stalled worker woke up) unknown to
    // the client; the server stores all EVENTS, so none of the unknown ones was lost.
    const acked = await counter(page, lane, "stored");
    const unknown = await counter(page, lane, "publishErrors");
    expect(acked + unknown, lane).toBe(EVENTS);
    console.log(
      `[item 7] ${lane}: delivered ${server?.delivered.consumer_seq}, redelivered ${redelivered}; publishes acked ${acked}, unknown ${unknown}`,
    );
  }

  // The charts cover the hidden period: the per-second series sum to the counters (the whole run is inside
  // the 60 s window) and the combined chart ends at what was sent.
  for (const lane of LANES) {
    const chart = page.getByTestId(`chart-${lane}-throughput`);
    await expect(chart).toHaveAttribute("data-published-sum", String(EVENTS), SLOW);
    const delivered = await counter(page, lane, "delivered");
    await expect(chart).toHaveAttribute("data-delivered-sum", String(delivered), SLOW);
  }
  await expect(page.getByTestId("chart-combined")).toHaveAttribute("data-published-last", String(EVENTS), SLOW);
  await button(page, "Stop").click();
});
