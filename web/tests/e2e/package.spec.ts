import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../../../scripts/lib/ports.ts";
import { REPO_ROOT } from "../../../scripts/nats/launcher.ts";
import { joinInPage } from "./room.ts";

// Start without a clone: the package as `npm pack` makes it, run with npx in an empty folder. The
// instructor gets a join link; a participant's browser joins through it; Ctrl-C stops everything; a
// second start in the same folder is the same room.

const work = mkdtempSync(path.join(os.tmpdir(), "playground-npx-"));
let tarball = "";

test.beforeAll(() => {
  test.setTimeout(300_000);
  // dist/ is built by `npm test` before the end-to-end tests; the launcher's JavaScript is built here.
  const cli = spawnSync("npm", ["run", "build:cli"], { cwd: REPO_ROOT, encoding: "utf8" });
  expect(cli.status, cli.stderr).toBe(0);
  const pack = spawnSync("npm", ["pack", "--ignore-scripts", "--pack-destination", work], { cwd: REPO_ROOT, encoding: "utf8" });
  expect(pack.status, pack.stderr).toBe(0);
  tarball = path.join(work, pack.stdout.trim().split("\n").at(-1)!);
  expect(existsSync(tarball)).toBe(true);
});
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Launched {
  child: ChildProcess;
  output: () => string;
  joinLink: string;
}

async function npxRoom(folder: string, seats: number, ports: Record<string, number>): Promise<Launched> {
  let out = "";
  const child = spawn("npx", ["--yes", "--package", tarball, "nats-workshop-playground", "--room", String(seats)], {
    cwd: folder,
    env: {
      ...process.env,
      PLAYGROUND_HOST: "localhost",
      // The same web port both times: the browser keeps the seat per origin.
      PLAYGROUND_PORT: String(ports.web),
      NATS_PORT: String(ports.client),
      NATS_HTTP_PORT: String(ports.http),
      NATS_WS_PORT: String(ports.ws),
      // The package's own install, not this clone's node_modules.
      NODE_PATH: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, as in a terminal: Ctrl-C reaches npx and the launcher it runs.
    detached: true,
  });
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  await expect.poll(() => /Join link for the room: (\S+)/.exec(out)?.[1], { timeout: 180_000, message: out }).toBeTruthy();
  return { child, output: () => out, joinLink: /Join link for the room: (\S+)/.exec(out)![1]! };
}

/** Ctrl-C in the terminal: SIGINT to the whole process group. */
async function stop(l: Launched): Promise<void> {
  const exited = new Promise<string>((r) => l.child.once("exit", (code, signal) => r(`${code ?? signal}`)));
  process.kill(-l.child.pid!, "SIGINT");
  const end = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r("still running after 20 s"), 20_000))]);
  // npx itself ends by the signal, as in a terminal; the launcher ends cleanly.
  expect(["0", "SIGINT"], l.output()).toContain(end);
  await expect.poll(() => l.output()).toContain("Stopped.");
}

test("npx from the packed tarball in an empty folder: a join link, a seat through it, Ctrl-C stops it all", async ({ page }) => {
  test.setTimeout(420_000);
  const folder = mkdtempSync(path.join(work, "empty-"));
  const ports = { client: await freePort(), http: await freePort(), ws: await freePort(), web: await freePort() };
  const first = await npxRoom(folder, 3, ports);
  expect(first.output()).toMatch(/New room with 3 seats/);
  expect(first.output()).toContain("Instructor credentials:");
  const url = new URL(first.joinLink);
  const base = url.origin;
  const info = (await (await fetch(`${base}/room.json`)).json()) as { room: string; wsPort: number };
  expect(info.wsPort).toBe(ports.ws);

  await page.goto(first.joinLink);
  const seat = await joinInPage(page, { base } as Parameters<typeof joinInPage>[1], "Npx Nell");
  expect(seat).toBe("seat-01");
  // Monitoring answers on loopback only, as the launcher said.
  const varz = (await (await fetch(`http://127.0.0.1:${ports.http}/varz`)).json()) as { http_host: string };
  expect(varz.http_host).toBe("127.0.0.1");
  await stop(first);
  await expect(fetch(`http://127.0.0.1:${ports.http}/healthz`)).rejects.toThrow();

  // The room folder is the empty folder's .room/, and a second start is the same room with the same seat.
  const saved = JSON.parse(readFileSync(path.join(folder, ".room", "room.json"), "utf8")) as { room: string };
  expect(saved.room).toBe(info.room);
  const again = await npxRoom(folder, 3, ports);
  expect(again.output()).toMatch(/1 of 3 seats taken/);
  await page.goto(again.joinLink);
  await expect(page.getByTestId("seat-badge")).toHaveText("seat-01 · Npx Nell", { timeout: 30_000 });
  await expect(page.getByTestId("status-pill")).toHaveText("Connected", { timeout: 30_000 });
  await stop(again);
});
