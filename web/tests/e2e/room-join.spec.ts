import { expect, test } from "@playwright/test";
import { openConnection } from "../../src/nats/connection.ts";
import { roomSeats } from "../../src/nats/lobby.ts";
import { button, setProducer, shown, startLab } from "./app.ts";
import { joinInPage, roomSettings, startE2ERoom, storedSeat, type E2ERoom } from "./room.ts";
import { ensureWebSocket } from "../../../scripts/lib/websocket.ts";

// A participant opens the room's one link, types a name and has a seat of their own: kept across
// reloads, used by the lab, given back with "Leave seat" (and then of no use to anyone).

ensureWebSocket();
let room: E2ERoom;
test.beforeAll(async () => {
  room = await startE2ERoom(3, ["http://workshop.example:4173/#/join"]);
});
test.afterAll(() => room.stop());

test("one link, a name, a seat: kept across reloads, used by the lab, given back by Leave seat", async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${room.base}/#/join`);
  await expect(page.getByRole("heading", { name: "Join NATS workshop" })).toBeVisible();
  // No name: said at the field, nothing sent.
  await button(page, "Join").click();
  await expect(page.getByText("Type the name the instructor should see")).toBeVisible();
  expect((await roomSeats(room.info, room.servers)).taken).toBe(0);

  const seat = await joinInPage(page, room, "Ana");
  expect(seat).toMatch(/^seat-0[123]$/);
  await expect(page.getByTestId("seat-badge")).toHaveText(`${seat} · Ana`);
  const table = await roomSeats(room.info, room.servers);
  expect(table.seats.find((s) => s.seat === seat)?.name).toBe("Ana");

  // The connection page says whose credentials these are, and what the seat may use.
  await page.goto(`${room.base}/#/connection`);
  await expect(page.getByText(`Using the credentials of your seat (${seat})`)).toBeVisible();
  await expect(page.getByTestId("quota")).toContainText("64.0 MiB disk");

  // A reload keeps the seat and connects with it at once.
  await page.reload();
  await expect(page.getByTestId("status-pill")).toHaveText("Connected", { timeout: 30_000 });
  await expect(page.getByTestId("seat-badge")).toHaveText(`${seat} · Ana`);

  // The lab runs on the seat's own account.
  await page.goto(`${room.base}/#/lab`);
  await setProducer(page, { rate: 50, retries: 0 });
  await startLab(page);
  await expect.poll(() => shown(page, "lane-durable-delivered"), { timeout: 30_000 }).toBeGreaterThan(20);
  const grant = await storedSeat(page);
  expect(grant?.seat).toBe(seat);
  const nc = await openConnection(roomSettings(room.servers, grant!), "observer");
  const { jetstreamManager } = await import("@nats-io/jetstream");
  const names: string[] = [];
  for await (const n of (await jetstreamManager(nc)).streams.names()) names.push(n);
  expect(names.length).toBe(3);
  await nc.close();
  await button(page, "Stop").click();

  // Leaving: asked first, then the seat is free, its credentials dead, its streams gone.
  await page.goto(`${room.base}/#/join`);
  await button(page, "Leave seat…").click();
  await expect(page.getByRole("alertdialog")).toContainText("Its streams and consumers are deleted");
  await button(page, `Leave ${seat}`).click();
  await expect(page.getByRole("heading", { name: "Join NATS workshop" })).toBeVisible();
  await expect(page.getByTestId("seat-badge")).toHaveText("Join the room");
  expect((await roomSeats(room.info, room.servers)).seats.find((s) => s.seat === seat)?.name).toBeUndefined();
  expect(await storedSeat(page)).toBeNull();
  await expect(openConnection(roomSettings(room.servers, grant!), "after leaving")).rejects.toThrow(/refused/);
  expect(errors).toEqual([]);
});

test("without a seat every page says how to join; a full room says so at the form, and nothing is lost", async ({ browser }) => {
  test.setTimeout(120_000);
  const contexts = await Promise.all([1, 2, 3, 4].map(() => browser.newContext()));
  const pages = await Promise.all(contexts.map((c) => c.newPage()));
  for (const [i, p] of pages.slice(0, 3).entries()) await joinInPage(p, room, `Seated ${i + 1}`);
  const late = pages[3]!;
  await late.goto(`${room.base}/#/lab`);
  await expect(late.getByTestId("room-banner")).toContainText("you have no seat in it yet");
  await late.getByTestId("room-banner").getByRole("link", { name: "Join the room" }).click();
  await late.getByLabel("Your name", { exact: true }).fill("Late Lee");
  await button(late, "Join").click();
  await expect(late.getByTestId("room-error")).toHaveText(/The room is full: all 3 seats are taken/);
  await expect(late.getByLabel("Your name", { exact: true })).toHaveValue("Late Lee");
  // The room page shows the launcher's join link with its QR code, and who sits where.
  await late.goto(`${room.base}/#/room`);
  await expect(late.getByTestId("join-link")).toHaveText("http://workshop.example:4173/#/join");
  await expect(late.getByTestId("join-qr")).toBeVisible();
  await expect(late.getByTestId("seat-table")).toContainText("Seated 3");
  await expect(late.getByText("3 of 3 seats taken.")).toBeVisible();
  // One leaves: the late participant gets the seat.
  await pages[0]!.goto(`${room.base}/#/join`);
  await button(pages[0]!, "Leave seat…").click();
  await pages[0]!.getByRole("button", { name: /^Leave seat-/ }).click();
  await expect(late.getByText("2 of 3 seats taken.")).toBeVisible({ timeout: 15_000 });
  await late.goto(`${room.base}/#/join`);
  await button(late, "Join").click();
  await expect(late.getByTestId("seat-info")).toContainText("Late Lee", { timeout: 30_000 });
  for (const p of pages.slice(1)) {
    await p.goto(`${room.base}/#/join`);
    await button(p, "Leave seat…").click();
    await p.getByRole("button", { name: /^Leave seat-/ }).click();
    await expect(p.getByRole("heading", { name: "Join NATS workshop" })).toBeVisible();
  }
  await Promise.all(contexts.map((c) => c.close()));
});
