// `npm start` (production build + vite preview) and `npm run dev` (Vite dev server with hot reload):
// a real nats-server next to the app, on localhost, stopped again by Ctrl-C.
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { build, createServer, preview, type PreviewServer, type ViteDevServer } from "vite";
import { say, warn } from "./lib/log.ts";
import { capture } from "./lib/run.ts";
import { isListening } from "./lib/ports.ts";
import { dockerEngineAnswers, ensureNatsServer, findNatsServer } from "./nats/find.ts";
import { REPO_ROOT, startNats, type NatsServer } from "./nats/launcher.ts";
import { probeNatsWebsocket } from "./nats/probe.ts";

const dev = process.argv.includes("--dev");
const host = process.env.PLAYGROUND_HOST ?? "localhost";
const appPort = Number(process.env.PLAYGROUND_PORT ?? (dev ? 5173 : 4173));
const wanted = {
  client: Number(process.env.NATS_PORT ?? 4222),
  http: Number(process.env.NATS_HTTP_PORT ?? 8222),
  ws: Number(process.env.NATS_WS_PORT ?? 9222),
};
const DIST = path.join(REPO_ROOT, "dist");

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

/** Builds dist/ when it is missing or older than the sources, so `npm start` always serves the current code. */
async function ensureBuild(): Promise<void> {
  const index = path.join(DIST, "index.html");
  const inputs = ["web", "exercises"].map((d) => path.join(REPO_ROOT, d)).filter(existsSync);
  const sourcesTime = Math.max(...inputs.map(newest), statSync(path.join(REPO_ROOT, "package-lock.json")).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sourcesTime) return;
  say("Building the app (production build) …");
  await build({ configFile: path.join(REPO_ROOT, "vite.config.ts"), logLevel: "warn" });
}

/** Reuse a NATS server already on the websocket port, else start our own (or the compose service). */
async function natsForPlayground(): Promise<{ wsPort: number; server?: NatsServer; stopDocker?: boolean }> {
  const existing = await probeNatsWebsocket(`ws://127.0.0.1:${wanted.ws}`);
  if (existing) {
    say(`Reusing the NATS server (v${existing}) already listening for websockets on port ${wanted.ws}.`);
    return { wsPort: wanted.ws };
  }
  if (!findNatsServer() && dockerEngineAnswers()) {
    say("No nats-server binary here, but Docker answers: starting the compose 'nats' service …");
    const r = capture("docker", ["compose", "-f", path.join(REPO_ROOT, "docker-compose.yml"), "up", "-d", "nats"], 180_000);
    if (r.code !== 0) throw new Error(`docker compose up nats failed:\n${r.out}`);
    for (let i = 0; i < 100 && !(await probeNatsWebsocket("ws://127.0.0.1:9222")); i++) await new Promise((res) => setTimeout(res, 200));
    return { wsPort: 9222, stopDocker: true };
  }
  const binary = await ensureNatsServer();
  const ports: Partial<typeof wanted> = {};
  for (const key of ["client", "http", "ws"] as const) {
    if (await isListening(wanted[key])) warn(`Port ${wanted[key]} is taken by another program: using a free port for ${key} instead.`);
    else ports[key] = wanted[key];
  }
  // One store per server version: the JetStream store format changed in 2.10.
  const storeDir = path.join(REPO_ROOT, ".nats-data", binary.version);
  mkdirSync(storeDir, { recursive: true });
  const server = await startNats({ binary, ports, storeDir, host: process.env.PLAYGROUND_HOST === "0.0.0.0" ? "0.0.0.0" : "127.0.0.1" });
  say(`nats-server ${server.version} (${binary.path}): websocket ${server.wsUrl}, TCP ${server.natsUrl}, monitoring ${server.monitorUrl}`);
  say(`JetStream data: ${path.relative(REPO_ROOT, storeDir)}/`);
  return { wsPort: server.ports.ws, server };
}

async function main(): Promise<void> {
  if (!dev) await ensureBuild();
  const nats = await natsForPlayground();
  let web: PreviewServer | ViteDevServer;
  if (dev) {
    web = await createServer({ configFile: path.join(REPO_ROOT, "vite.config.ts"), server: { host, port: appPort } });
    await web.listen();
  } else {
    web = await preview({ configFile: path.join(REPO_ROOT, "vite.config.ts"), preview: { host, port: appPort } });
  }
  const base = (web.resolvedUrls?.local[0] ?? `http://localhost:${appPort}/`).replace(/\/$/, "");
  const query = nats.wsPort === 9222 ? "" : `/?server=ws://localhost:${nats.wsPort}`;
  say("");
  say(`Playground ready: ${base}${query}`);
  // The participants' link: the page and the websocket on this machine's address in the room.
  for (const url of web.resolvedUrls?.network ?? []) {
    const { origin, hostname } = new URL(url);
    say(`For the room:     ${origin}/?server=ws://${hostname}:${nats.wsPort}`);
  }
  say("Press Ctrl-C to stop.");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping …`);
    await web.close().catch(() => undefined);
    await nats.server?.stop();
    if (nats.stopDocker) capture("docker", ["compose", "-f", path.join(REPO_ROOT, "docker-compose.yml"), "stop", "nats"], 60_000);
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
