// A workshop room for one spec file: the launcher's room (startRoom, as `npm start -- --room N` runs
// it) and the launcher's web server serving the production build with its /room.json, on localhost.
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { REPO_ROOT } from "../../../scripts/nats/launcher.ts";
import { startWebServer, type WebServer } from "../../../scripts/web/serve.ts";
import { roomSettings, startTestRoom, type TestRoom } from "../support/room.ts";
import type { SeatGrant } from "../../src/room/contract.ts";
import { STORAGE_KEY } from "./app.ts";

export interface E2ERoom extends TestRoom {
  /** http://localhost:<port>: the room's web server. */
  base: string;
  web: WebServer;
  /** The servers a page loaded from `base` connects to (the room's port on localhost). */
  pageServers: string[];
}

export async function startE2ERoom(seats: number, joinUrls: string[] = []): Promise<E2ERoom> {
  const t = await startTestRoom(seats);
  const web = await startWebServer({
    dist: process.env.E2E_DIST ?? path.join(REPO_ROOT, "dist"),
    host: "localhost",
    port: 0,
    roomInfo: () => t.room.joinInfo([], joinUrls),
  });
  const pageServers = [`ws://localhost:${t.room.endpoints.wsPort}`];
  return {
    ...t,
    base: web.localUrl,
    web,
    pageServers,
    async stop(keep?: boolean) {
      await web.close();
      await t.stop(keep);
    },
  };
}

/** Opens the join link, types a name, joins; waits until the page is connected with its seat. */
export async function joinInPage(page: Page, room: E2ERoom, name: string): Promise<string> {
  await page.goto(`${room.base}/#/join`);
  await page.getByLabel("Your name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await expect(page.getByTestId("seat-info")).toContainText(name, { timeout: 30_000 });
  await expect(page.getByTestId("status-pill")).toHaveText("Connected", { timeout: 30_000 });
  return ((await page.getByTestId("seat-info").locator("strong").first().textContent()) ?? "").trim();
}

/** The seat the page keeps in its storage (its grant, with the credentials). */
export async function storedSeat(page: Page): Promise<(SeatGrant & { servers: string[] }) | null> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "{}")?.state?.seat ?? null, STORAGE_KEY);
}

export { roomSettings };
