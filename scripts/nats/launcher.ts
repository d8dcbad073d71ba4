import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../lib/ports.ts";
import { ensureNatsServer, type NatsBinary } from "./find.ts";

/** The package's top folder (the clone, or the installed package when run by npx), found by its package.json. */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "docker", "nats.conf"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json with docker/nats.conf above ${from}`);
  }
}

export const REPO_ROOT = packageRoot(path.dirname(fileURLToPath(import.meta.url)));
export const BASE_CONFIG = path.join(REPO_ROOT, "docker", "nats.conf");

/** How long a server gets to say it is healthy before we give up on it. */
const READY_TIMEOUT_MS = 15_000;
/** How long SIGTERM gets before SIGKILL. */
const STOP_GRACE_MS = 5_000;

export interface Ports {
  client: number;
  http: number;
  ws: number;
}

export interface LaunchOptions {
  /** Fixed ports; any left out are picked free. */
  ports?: Partial<Ports>;
  /** Interface to listen on; loopback unless a workshop room must reach it. */
  host?: string;
  /**
   * Interface of the monitoring port. Loopback by default, even when `host` opens the server to a
   * room: /connz and /jsz show everyone's connections and streams, and answer without credentials.
   */
  httpHost?: string;
  /**
   * Seconds a websocket client has to log in (the server's default is about a second). A room's
   * browsers on a busy Wi-Fi, or 200 of them signing their nonces at once, need longer.
   */
  wsAuthTimeoutSeconds?: number;
  /** JetStream totals in bytes (max_memory_store, max_file_store) instead of docker/nats.conf's. */
  jetstreamMax?: { memoryBytes: number; fileBytes: number };
  /** Require this token (the seed's NATS_TOKEN). */
  token?: string;
  /** Start without JetStream (to test how the app explains its absence). */
  jetstream?: boolean;
  /** Keep JetStream data here; default a fresh temporary directory removed on stop. */
  storeDir?: string;
  /** An already found binary; default: find (or install) one. */
  binary?: NatsBinary;
  /** Receives the server's own log lines. */
  onLog?: (line: string) => void;
  /** Config text appended after the generated lines (e.g. an authorization block with permissions). */
  extraConfig?: string;
}

export interface NatsServer {
  readonly version: string;
  readonly ports: Ports;
  /** ws://127.0.0.1:<ws> — what the browser connects to. */
  readonly wsUrl: string;
  /** nats://127.0.0.1:<client> */
  readonly natsUrl: string;
  /** http://127.0.0.1:<http> — monitoring endpoints. */
  readonly monitorUrl: string;
  readonly storeDir: string;
  readonly pid: number | undefined;
  /** Graceful stop (SIGTERM, then SIGKILL after a grace period). Removes a temporary store. */
  stop(): Promise<void>;
  /** Crash it: SIGKILL, nothing flushed. The store stays for restart(). */
  kill(): Promise<void>;
  /** Start again on the same ports with the same store (after stop(keepStore) or kill()). */
  restart(): Promise<void>;
}

/** The jetstream block of the base config with our store directory in place of the image's. */
function jetstreamBlock(base: string, storeDir: string, max?: LaunchOptions["jetstreamMax"]): string {
  const m = /^jetstream\s*\{[\s\S]*?^\}/m.exec(base);
  if (!m) throw new Error(`${BASE_CONFIG} has no jetstream { … } block`);
  let block = m[0].replace(/store_dir:.*$/m, `store_dir: ${JSON.stringify(storeDir)}`);
  if (max) {
    block = block
      .replace(/max_memory_store:.*$/m, `max_memory_store: ${max.memoryBytes}`)
      .replace(/max_file_store:.*$/m, `max_file_store: ${max.fileBytes}`);
  }
  return block;
}

/** A config that includes docker/nats.conf and overrides only what differs per run. */
export function overrideConfig(opts: {
  configDir: string;
  ports: Ports;
  host: string;
  httpHost?: string;
  storeDir: string;
  jetstream: boolean;
  jetstreamMax?: LaunchOptions["jetstreamMax"];
  wsAuthTimeoutSeconds?: number;
  token?: string;
  extraConfig?: string;
}): string {
  const base = readFileSync(BASE_CONFIG, "utf8");
  const lines = [
    // nats-server 2.9 resolves include paths relative to the including file, even absolute-looking ones.
    `include ${JSON.stringify(path.relative(opts.configDir, BASE_CONFIG))}`,
    // host/port/http_port rather than listen/http: those lose to the base file's port keys.
    `host: "${opts.host}"`,
    `port: ${opts.ports.client}`,
    // "http: host:port" is the only way to give monitoring its own interface; http_port repeats the
    // port because the base file's http_port may be applied after it.
    `http: "${opts.httpHost ?? "127.0.0.1"}:${opts.ports.http}"`,
    `http_port: ${opts.ports.http}`,
    `websocket {\n  host: "${opts.host}"\n  port: ${opts.ports.ws}\n  no_tls: true\n  compression: false${
      opts.wsAuthTimeoutSeconds ? `\n  authorization {\n    timeout: ${opts.wsAuthTimeoutSeconds}\n  }` : ""
    }\n}`,
    opts.jetstream ? jetstreamBlock(base, opts.storeDir, opts.jetstreamMax) : "jetstream: disabled",
  ];
  if (opts.token !== undefined) lines.push(`authorization {\n  token: ${JSON.stringify(opts.token)}\n}`);
  if (opts.extraConfig) lines.push(opts.extraConfig);
  return `${lines.join("\n")}\n`;
}

async function waitHealthy(monitorUrl: string, child: ChildProcess, logTail: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  child.once("exit", () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`nats-server exited while starting:\n${logTail()}`);
    try {
      const res = await fetch(`${monitorUrl}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nats-server did not become healthy within ${READY_TIMEOUT_MS / 1000} s:\n${logTail()}`);
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Every server this process started, so an abrupt exit can take them along. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Launch attempts when a port picked free was taken before the server could bind it. */
const PORT_ATTEMPTS = 4;

/** Starts a real nats-server with the docker/ config on the given or free ports and waits until healthy. */
export async function startNats(opts: LaunchOptions = {}): Promise<NatsServer> {
  const binary = opts.binary ?? (await ensureNatsServer());
  const host = opts.host ?? "127.0.0.1";
  const ports: Ports = {
    client: opts.ports?.client ?? (await freePort()),
    http: opts.ports?.http ?? (await freePort()),
    ws: opts.ports?.ws ?? (await freePort()),
  };
  const workDir = mkdtempSync(path.join(os.tmpdir(), "nats-playground-"));
  const tempStore = opts.storeDir === undefined;
  const storeDir = opts.storeDir ?? path.join(workDir, "store");
  mkdirSync(storeDir, { recursive: true });
  const configFile = path.join(workDir, "nats.conf");
  const writeConfig = () =>
    writeFileSync(
      configFile,
      overrideConfig({
        configDir: workDir,
        ports,
        host,
        httpHost: opts.httpHost,
        storeDir,
        jetstream: opts.jetstream ?? true,
        jetstreamMax: opts.jetstreamMax,
        wsAuthTimeoutSeconds: opts.wsAuthTimeoutSeconds,
        token: opts.token,
        extraConfig: opts.extraConfig,
      }),
    );
  writeConfig();

  const connectHost = host === "0.0.0.0" ? "127.0.0.1" : host;
  const httpHost = opts.httpHost ?? "127.0.0.1";
  const monitorHost = httpHost === "0.0.0.0" ? "127.0.0.1" : httpHost;
  let monitorUrl = `http://${monitorHost}:${ports.http}`;
  const log: string[] = [];
  let child: ChildProcess | undefined;

  const launch = async () => {
    const proc = spawn(binary.path, ["-c", configFile], { stdio: ["ignore", "pipe", "pipe"] });
    child = proc;
    running.add(proc);
    proc.once("exit", () => running.delete(proc));
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (!line) continue;
        log.push(line);
        if (log.length > 200) log.shift();
        opts.onLog?.(line);
      }
    };
    proc.stdout?.on("data", onData);
    proc.stderr?.on("data", onData);
    try {
      await waitHealthy(monitorUrl, proc, () => log.slice(-15).join("\n"));
    } catch (err) {
      proc.kill("SIGKILL");
      throw err;
    }
  };

  const terminate = async (signal: NodeJS.Signals) => {
    const proc = child;
    if (!proc) return;
    child = undefined;
    proc.kill(signal);
    if (!(await waitExit(proc, STOP_GRACE_MS))) {
      proc.kill("SIGKILL");
      await waitExit(proc, STOP_GRACE_MS);
    }
  };

  // A port picked free can be taken before the server binds it (parallel tests start servers too):
  // then pick the free ones again and retry, a few times. Ports the caller fixed are never changed.
  for (let attempt = 1; ; attempt++) {
    try {
      await launch();
      break;
    } catch (err) {
      const taken = err instanceof Error && err.message.includes("address already in use");
      const picked = (["client", "http", "ws"] as const).filter((k) => opts.ports?.[k] === undefined);
      if (!taken || picked.length === 0 || attempt >= PORT_ATTEMPTS) {
        rmSync(workDir, { recursive: true, force: true });
        throw err;
      }
      for (const k of picked) ports[k] = await freePort();
      monitorUrl = `http://${monitorHost}:${ports.http}`;
      writeConfig();
    }
  }

  return {
    version: binary.version,
    ports,
    wsUrl: `ws://${connectHost}:${ports.ws}`,
    natsUrl: `nats://${connectHost}:${ports.client}`,
    monitorUrl,
    storeDir,
    get pid() {
      return child?.pid;
    },
    async stop() {
      await terminate("SIGTERM");
      if (tempStore) rmSync(workDir, { recursive: true, force: true });
      else rmSync(configFile, { force: true });
    },
    async kill() {
      await terminate("SIGKILL");
    },
    async restart() {
      await terminate("SIGTERM");
      await launch();
    },
  };
}
