// `npm run screenshot:room`: the README's picture of a room's page, as the projector shows it: a room
// of 12 started by the launcher's own code, eight participants seated through the lobby.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { joinRoom } from "../web/src/nats/lobby.ts";
import { CHROMIUM_ARGS, ensureChromium } from "./chromium.ts";
import { say } from "./lib/log.ts";
import { ensureWebSocket } from "./lib/websocket.ts";
import { REPO_ROOT } from "./nats/launcher.ts";
import { startRoom } from "./room/room.ts";
import { startWebServer } from "./web/serve.ts";

const OUT = path.join(REPO_ROOT, "docs", "room.png");
const NAMES = ["Ana", "Bo", "Chen", "Dara", "Emeka", "Farah", "Gustav", "Hana"];

ensureWebSocket();
const dir = mkdtempSync(path.join(os.tmpdir(), "room-shot-"));
const room = await startRoom({ dir, seats: 12, title: "Event processing with NATS", seatDiskBytes: 64 * 1024 * 1024 });
const joinUrls = ["http://192.168.1.20:4173/#/join", "http://laptop.local:4173/#/join"];
const web = await startWebServer({
  dist: path.join(REPO_ROOT, "dist"),
  host: "localhost",
  port: 0,
  roomInfo: () => room.joinInfo([], joinUrls),
});
const browser = await chromium.launch({ executablePath: await ensureChromium(), args: CHROMIUM_ARGS });
try {
  const info = room.joinInfo([room.server.wsUrl]);
  for (const name of NAMES) await joinRoom(info, info.servers, name);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
  await page.goto(`${web.localUrl}/#/room`);
  await page.getByText(`${NAMES.length} of 12 seats taken.`).waitFor();
  await page.getByTestId("join-qr").waitFor();
  await page.screenshot({ path: OUT });
  say(`wrote ${path.relative(REPO_ROOT, OUT)}`);
} finally {
  await browser.close();
  await web.close();
  await room.stop();
  rmSync(dir, { recursive: true, force: true });
}
