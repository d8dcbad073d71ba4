import { expect, test, type Page } from "@playwright/test";
import { ensureWebSocket } from "../../../scripts/lib/websocket.ts";
import { allLaneSettings } from "../../src/lab/contract/defaults.ts";
import { createLabEngine, type LabEngine } from "../../src/lab/engine/engine.ts";
import type { LaneId } from "../../src/lab/contract/protocol.ts";
import { roomSeats } from "../../src/nats/lobby.ts";
import { newParticipantId } from "../../src/nats/namespace.ts";
import { batchSent, setProducer, shown, startLab } from "./app.ts";
import { joinInPage, startE2ERoom, type E2ERoom } from "./room.ts";

// Thirty participants join at the same moment: six real browsers through the join page and 24 Node
// clients through the same lobby code, all at once. Thirty distinct seats, every lab runs, and the
// room page's seat table agrees with who joined.

ensureWebSocket();
const SEATS = 30;
const BROWSERS = 6;
const EVENTS = 60;
const LANES: LaneId[] = ["core", "jetstream", "dedupe", "durable"];
let room: E2ERoom;
const labs: LabEngine[] = [];
test.beforeAll(async () => {
  room = await startE2ERoom(SEATS);
});
test.afterAll(async () => {
  for (const lab of labs) await lab.handle({ type: "stop" });
  await room.stop();
});

test("30 join at once: 30 distinct seats, every lab runs, the seat table agrees", async ({ browser }) => {
  test.setTimeout(300_000);
  const contexts = await Promise.all(Array.from({ length: BROWSERS }, () => browser.newContext()));
  const pages: Page[] = await Promise.all(contexts.map((c) => c.newPage()));
  const names = Array.from({ length: SEATS }, (_, i) => `Person ${i + 1}`);
  const [browserSeats, nodeGrants] = await Promise.all([
    Promise.all(pages.map((p, i) => joinInPage(p, room, names[i]!))),
    Promise.all(names.slice(BROWSERS).map((n) => room.join(n))),
  ]);
  const all = [...browserSeats, ...nodeGrants.map((g) => g.seat)];
  expect(new Set(all).size).toBe(SEATS);

  // Every lab: the browsers' through the page, the others' with the engine the page's worker runs.
  const pid = newParticipantId();
  for (const [i, g] of nodeGrants.entries()) {
    const lab = createLabEngine({ emit: () => undefined, seed: i + 1 });
    await lab.handle({ type: "configure", connection: room.settings(g), pid });
    labs.push(lab);
  }
  const producer = { ratePerSecond: 60, payloadBytes: 64, retryShare: 0, maxEvents: EVENTS };
  await Promise.all([
    ...pages.map(async (p) => {
      await p.goto(`${room.base}/#/lab`);
      await setProducer(p, { rate: producer.ratePerSecond, retries: 0, events: EVENTS });
      await startLab(p);
    }),
    ...labs.map((lab) => lab.handle({ type: "start", lanes: LANES, producer, settings: allLaneSettings() })),
  ]);
  for (const lab of labs) expect(lab.snapshot().error).toBeUndefined();
  for (const p of pages) {
    await batchSent(p, EVENTS, 60_000);
    for (const lane of LANES) await expect.poll(() => shown(p, `lane-${lane}-delivered`), { timeout: 60_000 }).toBe(EVENTS);
  }
  await expect
    .poll(() => labs.every((lab) => LANES.every((l) => lab.snapshot().lanes[l]?.metrics.counters.delivered === EVENTS)), {
      timeout: 60_000,
    })
    .toBe(true);

  // The seat table, from the server's side and on the room page.
  const table = await roomSeats(room.info, room.servers);
  expect(table.taken).toBe(SEATS);
  const bySeat = new Map(table.seats.map((s) => [s.seat, s.name]));
  for (const [i, seat] of browserSeats.entries()) expect(bySeat.get(seat)).toBe(names[i]);
  for (const g of nodeGrants) expect(bySeat.get(g.seat)).toBe(g.name);
  const projector = pages[0]!;
  await projector.goto(`${room.base}/#/room`);
  await expect(projector.getByText(`${SEATS} of ${SEATS} seats taken.`)).toBeVisible({ timeout: 15_000 });
  const rows = projector.getByTestId("seat-table").locator("tbody tr");
  await expect(rows).toHaveCount(SEATS);
  for (const name of names) await expect(projector.getByTestId("seat-table")).toContainText(name);
  await Promise.all(contexts.map((c) => c.close()));
});
