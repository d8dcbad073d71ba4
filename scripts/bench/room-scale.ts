// `npm run bench:room`: how far one nats-server carries a room. For each room size, every seat joins
// through the lobby at once (time to join), then runs the lab's four lanes at a moderate rate with the
// real engine on its own credentials (simulated participants, in a few Node processes); meanwhile the
// server's connections, memory, CPU and message rates are read from /proc and its monitoring port.
// Also: a room's browsers loading the app at once from the launcher's web server. Writes
// docs/room-scale.md and docs/room-scale.json.
import { fork, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { say } from "../lib/log.ts";
import { REPO_ROOT } from "../nats/launcher.ts";
import { startRoom } from "../room/room.ts";
import type { ParticipantsReport, ParticipantsTask } from "./room-participants.ts";
import { quantile } from "./stats.ts";

const { values: args } = parseArgs({
  options: {
    seats: { type: "string", default: "30,200" },
    seconds: { type: "string", default: "60" },
    rate: { type: "string", default: "5" },
    workers: { type: "string", default: "3" },
    loads: { type: "string", default: "200" },
    out: { type: "string", default: path.join(REPO_ROOT, "docs") },
  },
});
const SIZES = args.seats.split(",").map(Number);
const SECONDS = Number(args.seconds);
const RATE = Number(args.rate);
const WORKERS = Number(args.workers);
const LOADS = Number(args.loads);
const MiB = 1024 * 1024;
/** Linux's clock ticks per second for /proc/<pid>/stat (USER_HZ). */
const TICKS = 100;

/** CPU seconds (user + system) a process has used, and its resident memory. */
function proc(pid: number): { cpu: number; rssBytes: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const cpu = (Number(fields[11]) + Number(fields[12])) / TICKS;
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
  return { cpu, rssBytes: rss };
}

const json = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T;

interface Varz {
  connections: number;
  in_msgs: number;
  out_msgs: number;
  in_bytes: number;
  out_bytes: number;
}

/** Forks the participant processes and talks to them. */
function participants(count: number) {
  const kids: ChildProcess[] = Array.from({ length: count }, () =>
    fork(path.join(REPO_ROOT, "scripts", "bench", "room-participants.ts"), [], { execArgv: ["--import", "tsx"], stdio: "inherit" }),
  );
  /** Sends each process its message (one for all, or one each) and waits for each one's answer. */
  const ask = <T extends ParticipantsReport["type"]>(msg: unknown | ((i: number) => unknown), type: T) =>
    Promise.all(
      kids.map(
        (k, i) =>
          new Promise<Extract<ParticipantsReport, { type: T }>>((resolve) => {
            const on = (r: ParticipantsReport) => {
              if (r.type !== type) return;
              k.off("message", on);
              resolve(r as Extract<ParticipantsReport, { type: T }>);
            };
            k.on("message", on);
            k.send((typeof msg === "function" ? (msg as (i: number) => unknown)(i) : msg) as object);
          }),
      ),
    );
  return { kids, ask, cpu: () => kids.reduce((sum, k) => sum + proc(k.pid!).cpu, 0) };
}

export interface ScaleRow {
  seats: number;
  joinMs: { p50: number; p95: number; max: number; allSeconds: number };
  joinFailures: number;
  connections: number;
  serverRssMiB: { idle: number; running: number };
  serverCpuPercent: number;
  inMsgsPerSecond: number;
  outMsgsPerSecond: number;
  storedPerSecond: number;
  labPublishesPerSecond: number;
  labDeliveriesPerSecond: number;
  publishErrors: number;
  lanesNotRunning: number;
  generatorCpuPercent: number;
  notes: string[];
}

async function measureRoom(seats: number): Promise<ScaleRow> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "room-scale-"));
  const room = await startRoom({ dir, seats, seatDiskBytes: 64 * MiB, seatMemoryBytes: 8 * MiB });
  const pid = room.server.pid!;
  const group = participants(Math.min(WORKERS, seats));
  try {
    const info = room.joinInfo([room.server.wsUrl]);
    const names = Array.from({ length: seats }, (_, i) => `Participant ${i + 1}`);
    const shares = group.kids.map((_, w) => names.filter((_, i) => i % group.kids.length === w));
    const t0 = performance.now();
    const task = (w: number): { type: "join"; task: ParticipantsTask } => ({
      type: "join",
      task: { info, servers: info.servers, names: shares[w]!, ratePerSecond: RATE },
    });
    const joinReports = await group.ask(task, "joined");
    const allSeconds = (performance.now() - t0) / 1000;
    const joinMs = joinReports.flatMap((r) => r.joinMs);
    const joinFailures = joinReports.flatMap((r) => r.failed);
    const idle = proc(pid);
    say(`${seats} seats: joined in ${allSeconds.toFixed(1)} s (${joinFailures.length} failed); starting ${seats} labs …`);

    const running = await group.ask({ type: "start" }, "running");
    const startFailures = running.flatMap((r) => r.failed);
    await new Promise((r) => setTimeout(r, 10_000)); // warm up: consumers created, rates steady
    const jsz0 = await json<{ messages: number }>(`${room.server.monitorUrl}/jsz`);
    const v0 = await json<Varz>(`${room.server.monitorUrl}/varz`);
    const c0 = await group.ask({ type: "count" }, "counts");
    const p0 = proc(pid);
    const g0 = group.cpu();
    const w0 = performance.now();
    let maxRss = p0.rssBytes;
    for (let s = 0; s < SECONDS; s++) {
      await new Promise((r) => setTimeout(r, 1_000));
      maxRss = Math.max(maxRss, proc(pid).rssBytes);
    }
    const wall = (performance.now() - w0) / 1000;
    const p1 = proc(pid);
    const g1 = group.cpu();
    const v1 = await json<Varz>(`${room.server.monitorUrl}/varz`);
    const jsz1 = await json<{ messages: number }>(`${room.server.monitorUrl}/jsz`);
    const c1 = await group.ask({ type: "count" }, "counts");
    const sum = (rs: typeof c0, k: "published" | "delivered" | "publishErrors" | "lanesNotRunning") => rs.reduce((n, r) => n + r[k], 0);
    const row: ScaleRow = {
      seats,
      joinMs: { p50: quantile(joinMs, 0.5), p95: quantile(joinMs, 0.95), max: Math.max(...joinMs), allSeconds },
      joinFailures: joinFailures.length + startFailures.length,
      connections: v1.connections,
      serverRssMiB: { idle: idle.rssBytes / MiB, running: maxRss / MiB },
      serverCpuPercent: ((p1.cpu - p0.cpu) / wall) * 100,
      inMsgsPerSecond: (v1.in_msgs - v0.in_msgs) / wall,
      outMsgsPerSecond: (v1.out_msgs - v0.out_msgs) / wall,
      storedPerSecond: (jsz1.messages - jsz0.messages) / wall,
      labPublishesPerSecond: (sum(c1, "published") - sum(c0, "published")) / wall,
      labDeliveriesPerSecond: (sum(c1, "delivered") - sum(c0, "delivered")) / wall,
      publishErrors: sum(c1, "publishErrors"),
      lanesNotRunning: sum(c1, "lanesNotRunning"),
      generatorCpuPercent: ((g1 - g0) / wall) * 100,
      notes: [...new Set([...joinFailures, ...startFailures, ...c1.flatMap((r) => r.notes)])].slice(0, 5),
    };
    say(
      `${seats} seats: ${row.connections} connections, server ${row.serverCpuPercent.toFixed(0)} % CPU, ${row.serverRssMiB.running.toFixed(0)} MiB`,
    );
    return row;
  } finally {
    await group.ask({ type: "stop" }, "stopped").catch(() => undefined);
    await room.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The initial route's files, as index.html names them (the module script, preloads, stylesheets). */
function initialAssets(): string[] {
  const html = readFileSync(path.join(REPO_ROOT, "dist", "index.html"), "utf8");
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
}

function get(port: number, p: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: "127.0.0.1", port, path: p, agent, headers: { "Accept-Encoding": "br, gzip", Host: "localhost" } },
      (res) => {
        let bytes = 0;
        res.on("data", (d: Buffer) => (bytes += d.length));
        res.on("end", () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`${p}: HTTP ${res.statusCode}`))));
      },
    );
    req.on("error", reject);
  });
}

export interface LoadResult {
  browsers: number;
  files: number;
  initialKiB: number;
  msToInitialRoute: { p50: number; p95: number; max: number };
  allSeconds: number;
  serverCpuSeconds: number;
  failures: number;
}

async function measureLoads(browsers: number): Promise<LoadResult> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "scripts", "bench", "web-child.ts")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve) =>
    child.stdout!.on("data", (d: Buffer) => {
      const m = /ready (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    }),
  );
  const files = ["/", ...initialAssets()];
  const cpu0 = proc(child.pid!).cpu;
  const times: number[] = [];
  let failures = 0;
  let bytes = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: browsers }, async () => {
      // A browser: up to 6 connections to the host, the page first, then its files in parallel.
      const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
      const start = performance.now();
      try {
        const page = await get(port, "/", agent);
        const rest = await Promise.all(files.slice(1).map((f) => get(port, f, agent)));
        times.push(performance.now() - start);
        bytes = page + rest.reduce((a, b) => a + b, 0);
      } catch {
        failures++;
      } finally {
        agent.destroy();
      }
    }),
  );
  const allSeconds = (performance.now() - t0) / 1000;
  const serverCpuSeconds = proc(child.pid!).cpu - cpu0;
  child.kill("SIGTERM");
  return {
    browsers,
    files: files.length,
    initialKiB: bytes / 1024,
    msToInitialRoute: { p50: quantile(times, 0.5), p95: quantile(times, 0.95), max: Math.max(...times) },
    allSeconds,
    serverCpuSeconds,
    failures,
  };
}

function render(rows: ScaleRow[], load: LoadResult, machine: string): string {
  const f = (n: number, d = 0) =>
    Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d }) : "—";
  const lines = [
    "# A room on one server, measured",
    "",
    `Written by \`npm run bench:room\` on ${machine}, ${new Date().toISOString().slice(0, 10)}. Each seat is a simulated`,
    `participant: it joins through the lobby as a browser does, then runs the lab's real engine (all four lanes,`,
    `${RATE} events/s, 10 % retries, 128-byte payloads) on its own seat's credentials, for ${SECONDS} s after a 10 s warm-up.`,
    `The participants run in ${WORKERS} Node processes on the same 2-core machine as the server, so the server shares`,
    "its cores with the load it serves: a room's laptops would take that load off it.",
    "",
    "| Seats | Join (all at once) p50 / p95 / max | All joined | Connections | nats-server memory idle / running | nats-server CPU | Messages in / out per s | Stored per s | Lab events sent / deliveries per s (four lanes each) | Publish errors | Lanes not running | Load generator CPU |",
    "| ---: | --- | ---: | ---: | --- | ---: | --- | ---: | --- | ---: | ---: | ---: |",
    ...rows.map(
      (r) =>
        `| ${r.seats} | ${f(r.joinMs.p50)} / ${f(r.joinMs.p95)} / ${f(r.joinMs.max)} ms | ${f(r.joinMs.allSeconds, 1)} s | ${f(r.connections)} | ${f(r.serverRssMiB.idle)} / ${f(r.serverRssMiB.running)} MiB | ${f(r.serverCpuPercent)} % of a core | ${f(r.inMsgsPerSecond)} / ${f(r.outMsgsPerSecond)} | ${f(r.storedPerSecond)} | ${f(r.labPublishesPerSecond)} / ${f(r.labDeliveriesPerSecond)} | ${f(r.publishErrors)} | ${f(r.lanesNotRunning)} | ${f(r.generatorCpuPercent)} % |`,
    ),
    "",
    ...rows.flatMap((r) => (r.notes.length ? [`- ${r.seats} seats, what lanes said: ${r.notes.map((n) => `"${n}"`).join("; ")}`] : [])),
    "",
    "## Loading the app at once",
    "",
    `${load.browsers} browsers load the initial route (index.html and its ${load.files - 1} files, ${f(load.initialKiB)} KiB`,
    "brotli-compressed as served) from the launcher's web server at the same moment, each with up to 6 connections:",
    "",
    "| Browsers | Time to the initial route p50 / p95 / max | All loaded | Web server CPU | Failed |",
    "| ---: | --- | ---: | ---: | ---: |",
    `| ${load.browsers} | ${f(load.msToInitialRoute.p50)} / ${f(load.msToInitialRoute.p95)} / ${f(load.msToInitialRoute.max)} ms | ${f(load.allSeconds, 1)} s | ${f(load.serverCpuSeconds, 2)} s | ${load.failures} |`,
    "",
  ];
  const notes = path.join(REPO_ROOT, "docs", "room-scale-notes.md");
  if (existsSync(notes)) lines.push(readFileSync(notes, "utf8"));
  return lines.join("\n");
}

async function main(): Promise<void> {
  const rows: ScaleRow[] = [];
  for (const seats of SIZES) rows.push(await measureRoom(seats));
  const load = await measureLoads(LOADS);
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 1024 ** 3)} GiB`;
  writeFileSync(
    path.join(args.out, "room-scale.json"),
    `${JSON.stringify({ machine, rate: RATE, seconds: SECONDS, rows, load }, null, 2)}\n`,
  );
  writeFileSync(path.join(args.out, "room-scale.md"), render(rows, load, machine));
  say(`wrote ${path.relative(REPO_ROOT, path.join(args.out, "room-scale.md"))}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
