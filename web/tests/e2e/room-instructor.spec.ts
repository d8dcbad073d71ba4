import { jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/nats-core";
import { expect, test, type Page } from "@playwright/test";
import { ensureWebSocket } from "../../../scripts/lib/websocket.ts";
import { openConnection } from "../../src/nats/connection.ts";
import { createSeatLine, type SeatLine } from "../../src/nats/progress.ts";
import type { InstructorMessage, ProgressEvent, SeatGrant } from "../../src/room/contract.ts";
import { button } from "./app.ts";
import { joinInPage, startE2ERoom, type E2ERoom } from "./room.ts";

// An instructor runs a room of 30 from the instructor page: 28 simulated participants (Node, on their
// seats' credentials, publishing what a page publishes) and two real pages. The grid shows every seat,
// a seat failing the same check three times is flagged and sorted first, hands appear in the order
// they went up, a hint reaches its seat only, a message to all reaches all, a reset empties one seat,
// and the grid is the same after a reload.

ensureWebSocket();
const SEATS = 30;
let room: E2ERoom;
interface Sim {
  grant: SeatGrant;
  nc: NatsConnection;
  line: SeatLine;
  heard: InstructorMessage[];
}
const sims: Sim[] = [];

test.beforeAll(async () => {
  room = await startE2ERoom(SEATS);
});
test.afterAll(async () => {
  for (const s of sims) {
    s.line.close();
    await s.nc.close();
  }
  await room.stop();
});

const checkEvent = (exercise: string, failing?: string): ProgressEvent => ({
  kind: "check",
  exercise,
  code: `// ${exercise}\nexport default async function main() {}`,
  checks: failing
    ? [
        { name: "subscribes first", status: "pass" },
        { name: failing, status: "fail", message: "expected 3 messages, got 1" },
      ]
    : [{ name: "all", status: "pass" }],
});

test("an instructor runs a 30-seat room from the instructor page", async ({ browser }) => {
  test.setTimeout(300_000);
  const ctxs = await Promise.all([1, 2, 3].map(() => browser.newContext()));
  const [alicePage, bobPage, teacher] = (await Promise.all(ctxs.map((c) => c.newPage()))) as [Page, Page, Page];
  const aliceSeat = await joinInPage(alicePage, room, "Alice");
  const bobSeat = await joinInPage(bobPage, room, "Bob");

  // 28 simulated participants.
  for (let i = 0; i < SEATS - 2; i++) {
    const grant = await room.join(`Sim ${i + 1}`);
    const nc = await openConnection(room.settings(grant), grant.seat);
    const sim: Sim = { grant, nc, heard: [], line: undefined as unknown as SeatLine };
    sim.line = createSeatLine({ connection: () => nc, onMessage: (m) => void sim.heard.push(m) });
    sim.line.connectionChanged();
    sims.push(sim);
  }
  const send = (s: Sim, e: ProgressEvent) => s.line.report(e, s.grant.name);
  for (const s of sims) {
    send(s, { kind: "opened", exercise: "01-hello-pubsub" });
    send(s, { kind: "run", exercise: "01-hello-pubsub", ok: true, code: "x" });
  }
  const stuckSim = sims[6]!;
  for (let i = 0; i < 3; i++) send(stuckSim, checkEvent("01-hello-pubsub", "returns the three greetings"));
  for (const s of sims.slice(10, 14)) send(s, checkEvent("01-hello-pubsub"));

  // The instructor's link: the key is taken from the fragment and dropped from the address bar.
  const key = Buffer.from(room.room.instructorCreds).toString("base64url");
  await teacher.goto(`${room.base}/#/instructor?key=${key}`);
  await expect(teacher.getByTestId("room-summary")).toContainText("live", { timeout: 30_000 });
  expect(teacher.url()).not.toContain("key=");
  const rows = teacher.getByTestId("seat-grid").locator("tbody tr");
  await expect(rows).toHaveCount(SEATS - 2, { timeout: 10_000 });

  // The real pages report too; each appears within 2 s of its event.
  await alicePage.goto(`${room.base}/#/exercises/01-hello-pubsub`);
  await expect(teacher.getByTestId(`grid-row-${aliceSeat}`)).toBeVisible({ timeout: 2_000 });
  await button(bobPage, "✋ Raise hand").click();
  await expect(teacher.getByTestId(`grid-row-${bobSeat}`)).toBeVisible({ timeout: 2_000 });
  await expect(rows).toHaveCount(SEATS);

  // Stuck first; hands in the order they went up (Bob, then a simulated participant).
  await expect(rows.first()).toHaveAttribute("data-testid", `grid-row-${stuckSim.grant.seat}`);
  await expect(rows.first().getByTestId("stuck-flag")).toContainText('"returns the three greetings" failed 3 times in a row');
  send(sims[20]!, { kind: "hand", raised: true });
  await expect(teacher.getByTestId("hands").locator("li")).toHaveCount(2, { timeout: 2_000 });
  await expect(teacher.getByTestId("hands").locator("li").nth(0)).toContainText("Bob");
  await expect(teacher.getByTestId("hands").locator("li").nth(1)).toContainText(sims[20]!.grant.name);
  await expect(teacher.getByTestId("seat-grid").locator(`[data-testid="grid-row-${sims[13]!.grant.seat}"] .cell.passed`)).toHaveCount(1);

  // A hint to Bob: Bob's page shows it; Alice's does not; no simulated seat hears it.
  await teacher.getByTestId(`grid-row-${bobSeat}`).getByRole("button", { name: "Bob" }).click();
  await teacher.getByLabel("Hint for Bob").fill("Subscribe before you publish.");
  await button(teacher, "Send the hint").click();
  await expect(bobPage.getByTestId("instructor-message")).toContainText("A hint from the instructor: Subscribe before you publish.");
  await new Promise((r) => setTimeout(r, 500));
  await expect(alicePage.getByTestId("instructor-message")).toHaveCount(0);
  expect(sims.every((s) => s.heard.length === 0)).toBe(true);

  // To everyone: every page and every simulated seat.
  await teacher.getByLabel("Message to everyone").fill("Break in five minutes");
  await button(teacher, "Send to everyone").click();
  await expect(alicePage.getByTestId("instructor-message")).toContainText("(to everyone): Break in five minutes");
  await expect(bobPage.getByTestId("instructor-message").last()).toContainText("Break in five minutes");
  await expect
    .poll(() => sims.filter((s) => s.heard.some((m) => m.kind === "message" && m.text === "Break in five minutes")).length)
    .toBe(SEATS - 2);

  // Follow me: a banner with a link on every page.
  await teacher.getByLabel("Follow me").selectOption({ index: 2 });
  await button(teacher, "Show everyone where I am").click();
  await expect(bobPage.getByTestId("follow-banner")).toContainText("The instructor is at Exercise 3");
  await bobPage.getByTestId("follow-banner").getByRole("link", { name: "Go there" }).click();
  await expect(bobPage).toHaveURL(/#\/exercises\/03-/);

  // Reset one seat after a confirmation: its streams go, another seat's stay.
  for (const s of [stuckSim, sims[7]!]) await (await jetstreamManager(s.nc)).streams.add({ name: "MINE", subjects: ["mine"] });
  await teacher.getByTestId(`grid-row-${stuckSim.grant.seat}`).getByRole("button", { name: stuckSim.grant.name }).click();
  await button(teacher, "Reset the seat's streams…").click();
  await button(teacher, `Reset ${stuckSim.grant.seat}`).click();
  await expect(teacher.getByTestId("seat-status")).toHaveText(`${stuckSim.grant.seat}: 1 stream(s) deleted.`);
  const names = async (nc: NatsConnection) => {
    const out: string[] = [];
    for await (const n of (await jetstreamManager(nc)).streams.names()) out.push(n);
    return out;
  };
  expect(await names(stuckSim.nc)).toEqual([]);
  expect(await names(sims[7]!.nc)).toEqual(["MINE"]);

  // Reloaded, the page reads the same grid back from the instructor's stream.
  await teacher.reload();
  await expect(teacher.getByTestId("room-summary")).toContainText("live", { timeout: 30_000 });
  await expect(rows).toHaveCount(SEATS, { timeout: 10_000 });
  await expect(rows.first()).toHaveAttribute("data-testid", `grid-row-${stuckSim.grant.seat}`);
  await expect(teacher.getByTestId("hands").locator("li")).toHaveCount(2);

  // The participants' menus have no Instructor entry; the instructor's has.
  await expect(alicePage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Instructor" })).toHaveCount(0);
  await expect(teacher.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Instructor" })).toHaveCount(1);
  await Promise.all(ctxs.map((c) => c.close()));
});
