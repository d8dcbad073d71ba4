// `npm run screenshot:room`: the README's picture of a room's page, as the projector shows it: a room
// of 12 started by the launcher's own code, eight participants seated through the lobby.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { openConnection } from "../web/src/nats/connection.ts";
import { joinRoom } from "../web/src/nats/lobby.ts";
import { createSeatLine } from "../web/src/nats/progress.ts";
import { defaultSettings } from "../web/src/nats/settings.ts";
import { CHROMIUM_ARGS, ensureChromium } from "./chromium.ts";
import { say } from "./lib/log.ts";
import { ensureWebSocket } from "./lib/websocket.ts";
import { REPO_ROOT } from "./nats/launcher.ts";
import { startRoom } from "./room/room.ts";
import { startWebServer } from "./web/serve.ts";

const OUT = path.join(REPO_ROOT, "docs", "room.png");
const OUT_INSTRUCTOR = path.join(REPO_ROOT, "docs", "instructor.png");
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
  const lines = [];
  for (const [i, name] of NAMES.entries()) {
    const grant = await joinRoom(info, info.servers, name);
    const nc = await openConnection({ ...defaultSettings(info.servers), creds: grant.creds, authFor: info.servers }, name);
    const line = createSeatLine({ connection: () => nc, onMessage: () => undefined });
    line.connectionChanged();
    lines.push({ nc, line });
    // A morning's worth of a room: most past exercise 3, one stuck on a check, two hands up.
    const done = ["01-hello-pubsub", "02-subjects-and-requests", "03-queue-groups", "04-stream-with-acks"].slice(0, 1 + (i % 4));
    for (const ex of done) {
      line.report({ kind: "opened", exercise: ex }, name);
      line.report({ kind: "check", exercise: ex, code: "…", checks: [{ name: "all", status: "pass" }] }, name);
    }
    const now =
      done.length < 4
        ? ["02-subjects-and-requests", "03-queue-groups", "04-stream-with-acks", "05-pull-batches"][done.length - 1]!
        : "05-pull-batches";
    line.report({ kind: "opened", exercise: now }, name);
    if (name === "Chen") {
      for (let k = 0; k < 3; k++)
        line.report(
          {
            kind: "check",
            exercise: now,
            code: "…",
            checks: [{ name: "each transaction processed once", status: "fail", message: "12 of 300 were processed twice" }],
          },
          name,
        );
    }
    if (name === "Farah" || name === "Bo") line.report({ kind: "hand", raised: true }, name);
  }
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
  await page.goto(`${web.localUrl}/#/room`);
  await page.getByText(`${NAMES.length} of 12 seats taken.`).waitFor();
  await page.getByTestId("join-qr").waitFor();
  await page.screenshot({ path: OUT });
  say(`wrote ${path.relative(REPO_ROOT, OUT)}`);
  const teacher = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await teacher.goto(`${web.localUrl}/#/instructor?key=${Buffer.from(room.instructorCreds).toString("base64url")}`);
  await teacher.getByTestId("room-summary").filter({ hasText: "live" }).waitFor();
  await teacher.getByTestId("seat-grid").waitFor();
  await teacher.screenshot({ path: OUT_INSTRUCTOR, fullPage: true });
  say(`wrote ${path.relative(REPO_ROOT, OUT_INSTRUCTOR)}`);
  for (const l of lines) await l.nc.close();
} finally {
  await browser.close();
  await web.close();
  await room.stop();
  rmSync(dir, { recursive: true, force: true });
}
