#!/usr/bin/env node
// `npm start` (production build + the launcher's web server) and `npm run dev` (Vite dev server with hot
// reload): a real nats-server next to the app, stopped again by Ctrl-C. With --room N, a workshop room:
// one account per seat on the server, a join link (and its QR code), seats kept in the room folder.
// Also the package's bin: `npx nats-workshop-playground --room 30` in an empty folder.
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import QRCode from "qrcode";
import type { JoinInfo } from "../web/src/room/contract.ts";
import { say, warn } from "./lib/log.ts";
import { capture } from "./lib/run.ts";
import { isListening } from "./lib/ports.ts";
import { dockerEngineAnswers, ensureNatsServer, findNatsServer } from "./nats/find.ts";
import { REPO_ROOT, startNats, type NatsServer, type Ports } from "./nats/launcher.ts";
import { probeNatsWebsocket } from "./nats/probe.ts";
import { parseStartArgs, USAGE, type StartArgs } from "./start-args.ts";
import { startDockerRoom } from "./room/docker.ts";
import { startRoom } from "./room/room.ts";
import { formatBytes } from "./room/sizing.ts";
import { startWebServer } from "./web/serve.ts";

const DIST = path.join(REPO_ROOT, "dist");

/** A path relative to the current folder when it lies inside it, else as it is. */
function shortPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel === "" ? "." : rel.startsWith("..") ? p : rel;
}
const COMPOSE_FILE = path.join(REPO_ROOT, "docker-compose.yml");

/** Newest modification time under a directory (node_modules and dotfiles skipped). */
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // Tests are not part of the build: editing them must not trigger a rebuild.
    if (entry.name.startsWith(".") || entry.name === "node_modules" || entry.name === "tests") continue;
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * In a clone, builds dist/ when it is missing or older than the sources, so `npm start` always serves
 * the current code. An installed package (npx) ships its build and has no sources or Vite.
 */
async function ensureBuild(): Promise<void> {
  const index = path.join(DIST, "index.html");
  const sources = ["web", "exercises"].map((d) => path.join(REPO_ROOT, d)).filter(existsSync);
  if (sources.length === 0) {
    if (!existsSync(index)) throw new Error(`This package has no production build (${DIST}); reinstall it.`);
    return;
  }
  const sourcesTime = Math.max(...sources.map(newest), statSync(path.join(REPO_ROOT, "package-lock.json")).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sourcesTime) return;
  say("Building the app (production build) …");
  const { build } = await import("vite");
  await build({ configFile: path.join(REPO_ROOT, "vite.config.ts"), logLevel: "warn" });
}

/** The ports asked for (NATS_*_PORT), each replaced by a free one when another program holds it. */
async function natsPorts(args: StartArgs): Promise<Partial<Ports>> {
  const ports: Partial<Ports> = {};
  for (const key of ["client", "http", "ws"] as const) {
    if (await isListening(args.ports[key]))
      warn(`Port ${args.ports[key]} is taken by another program: using a free port for ${key} instead.`);
    else ports[key] = args.ports[key];
  }
  return ports;
}

interface Nats {
  wsPort: number;
  stop: () => Promise<void>;
  room?: {
    joinInfo: (servers?: string[], joinUrls?: string[]) => JoinInfo;
    instructorCredsPath: string;
    instructorCreds: string;
    summary: string[];
  };
}

/** Solo: reuse a NATS server already on the websocket port, else start our own (or the compose service). */
async function soloNats(args: StartArgs): Promise<Nats> {
  const existing = await probeNatsWebsocket(`ws://127.0.0.1:${args.ports.ws}`);
  if (existing) {
    say(`Reusing the NATS server (v${existing}) already listening for websockets on port ${args.ports.ws}.`);
    return { wsPort: args.ports.ws, stop: async () => undefined };
  }
  if (!findNatsServer() && dockerEngineAnswers()) {
    say("No nats-server binary here, but Docker answers: starting the compose 'nats' service …");
    const r = capture("docker", ["compose", "-f", COMPOSE_FILE, "up", "-d", "nats"], 180_000);
    if (r.code !== 0) throw new Error(`docker compose up nats failed:\n${r.out}`);
    for (let i = 0; i < 100 && !(await probeNatsWebsocket("ws://127.0.0.1:9222")); i++) await new Promise((res) => setTimeout(res, 200));
    return { wsPort: 9222, stop: async () => void capture("docker", ["compose", "-f", COMPOSE_FILE, "stop", "nats"], 60_000) };
  }
  const binary = await ensureNatsServer();
  // One store per server version: the JetStream store format changed in 2.10.
  const storeDir = path.join(args.dataDir, binary.version);
  mkdirSync(storeDir, { recursive: true });
  const server: NatsServer = await startNats({
    binary,
    ports: await natsPorts(args),
    storeDir,
    host: args.natsHost,
    httpHost: args.monitorHost,
  });
  say(`nats-server ${server.version} (${binary.path}): websocket ${server.wsUrl}, TCP ${server.natsUrl}, monitoring ${server.monitorUrl}`);
  say(`JetStream data: ${shortPath(storeDir)}/`);
  return { wsPort: server.ports.ws, stop: () => server.stop() };
}

/** A room: its server (local, or the compose service with --docker) and the seat service. */
async function roomNats(args: StartArgs, seats: number): Promise<Nats> {
  const log = (line: string) => say(line);
  const common = { dir: args.roomDir, seats, title: args.title, seatDiskBytes: args.seatDisk, seatMemoryBytes: args.seatMemory, log };
  const docker = args.docker || (!findNatsServer() && dockerEngineAnswers());
  let room: Awaited<ReturnType<typeof startDockerRoom>>;
  let where = "the compose service nats-room";
  if (docker) room = await startDockerRoom({ ...common, composeFile: COMPOSE_FILE });
  else {
    const local = await startRoom({ ...common, host: args.natsHost, httpHost: args.monitorHost, ports: await natsPorts(args) });
    where = `nats-server ${local.server.version} (${local.server.natsUrl} for programs)`;
    room = local;
  }
  const s = room.sizing.seat;
  return {
    wsPort: room.endpoints.wsPort,
    stop: () => room.stop(),
    room: {
      joinInfo: room.joinInfo,
      instructorCredsPath: room.instructorCredsPath,
      instructorCreds: room.instructorCreds,
      summary: [
        `Room "${room.room.title}" (${room.room.seats.length} seats) on ${where}: websocket port ${room.endpoints.wsPort}, monitoring ${room.endpoints.monitorUrl} (this machine only).`,
        `Each seat: its own account; ${formatBytes(s.diskBytes)} disk, ${formatBytes(s.memoryBytes)} memory, ${s.streams} streams, ${s.consumers} consumers, ${s.connections} connections.`,
        `Seats, keys and streams: ${shortPath(args.roomDir)}/ (kept across restarts; delete it for a new room).`,
      ],
    },
  };
}

async function main(): Promise<void> {
  const args = parseStartArgs(process.argv.slice(2), process.env, process.cwd());
  if (args.help) return void process.stdout.write(USAGE);
  if (!args.dev) await ensureBuild();
  const nats = args.room ? await roomNats(args, args.room) : await soloNats(args);

  let joinUrls: string[] = [];
  const roomInfo = nats.room ? () => nats.room!.joinInfo([], joinUrls) : undefined;
  let base: string;
  let networkUrls: string[];
  let closeWeb: () => Promise<void>;
  if (args.dev) {
    const { createServer } = await import("vite");
    const web = await createServer({
      configFile: path.join(REPO_ROOT, "vite.config.ts"),
      server: { host: args.webHost, port: args.webPort, allowedHosts: args.allowedHosts.length ? args.allowedHosts : undefined },
      plugins: roomInfo
        ? [
            {
              name: "playground-room-json",
              configureServer: (s) =>
                void s.middlewares.use("/room.json", (_req, res) => {
                  res.setHeader("Content-Type", "application/json");
                  res.setHeader("Cache-Control", "no-store");
                  res.end(JSON.stringify(roomInfo()));
                }),
            },
          ]
        : [],
    });
    await web.listen();
    base = (web.resolvedUrls?.local[0] ?? `http://localhost:${args.webPort}/`).replace(/\/$/, "");
    networkUrls = (web.resolvedUrls?.network ?? []).map((u) => u.replace(/\/$/, ""));
    closeWeb = () => web.close();
  } else {
    const web = await startWebServer({ dist: DIST, host: args.webHost, port: args.webPort, allowedHosts: args.allowedHosts, roomInfo });
    base = web.localUrl;
    networkUrls = web.networkUrls;
    closeWeb = () => web.close();
  }

  say("");
  if (nats.room) {
    for (const line of nats.room.summary) say(line);
    const port = new URL(base).port;
    const byName = networkUrls.length > 0 ? [`http://${os.hostname().split(".")[0]}.local:${port}`] : [];
    joinUrls = [...networkUrls, ...byName].map((u) => `${u}/#/join`);
    say("");
    if (joinUrls.length === 0) {
      warn("The web server listens on this machine only (PLAYGROUND_HOST): participants on other machines cannot reach it.");
      joinUrls = [`${base}/#/join`];
    }
    say(`Join link for the room: ${joinUrls[0]}`);
    for (const other of joinUrls.slice(1)) say(`                  also: ${other}`);
    process.stdout.write(`\n${await QRCode.toString(joinUrls[0]!, { type: "terminal", small: true })}\n`);
    say(`Room page (join link, QR code and seat table, for the projector): ${base}/#/room`);
    say(`Instructor credentials: ${nats.room.instructorCredsPath}`);
    // The key is in the fragment: the browser never sends it to the web server.
    const key = Buffer.from(nats.room.instructorCreds).toString("base64url");
    say(`Instructor page (keep this link to yourself): ${base}/#/instructor?key=${key}`);
  } else {
    const query = nats.wsPort === 9222 ? "" : `/?server=ws://localhost:${nats.wsPort}`;
    say(`Playground ready: ${base}${query}`);
    // The participants' link: the page and the websocket on this machine's address in the room.
    for (const url of networkUrls) {
      const { origin, hostname } = new URL(url);
      say(`For the room:     ${origin}/?server=ws://${hostname}:${nats.wsPort}`);
    }
  }
  say("Press Ctrl-C to stop.");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping …`);
    await closeWeb().catch(() => undefined);
    await nats.stop().catch((err: unknown) => warn(String(err)));
    say("Stopped.");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGHUP", () => void shutdown("SIGHUP"));
}

main().catch((err: unknown) => {
  warn(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
