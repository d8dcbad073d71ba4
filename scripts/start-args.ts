// The launcher's command line and environment, checked once at start-up with every problem named.
import path from "node:path";
import type { Ports } from "./nats/launcher.ts";
import { parseSize } from "./room/sizing.ts";

export const DEFAULT_SEATS = 30;
export const MAX_SEATS = 500;

export const USAGE = `Usage: npm start [-- options]      (in a clone)
       npx nats-workshop-playground [options]

  --room [N]          a workshop room of N seats (default ${DEFAULT_SEATS}): one NATS account per seat,
                      a join link and its QR code; listens on every interface
  --room-dir DIR      where the room keeps its seats, keys and streams (default ./.room)
  --title TEXT        the room's name on the join page (default "NATS workshop")
  --seat-disk SIZE    JetStream disk per seat, e.g. 256MiB (default; shrunk to fit the disk)
  --seat-memory SIZE  JetStream memory per seat, e.g. 32MiB (default)
  --docker            run the room's nats-server with docker compose (profile "room")
  --dev               Vite dev server with hot reload (in a clone)
  --help              this text

Environment: PLAYGROUND_HOST, PLAYGROUND_PORT, PLAYGROUND_ALLOWED_HOSTS, NATS_PORT, NATS_HTTP_PORT,
NATS_WS_PORT, NATS_MONITOR_HOST, NATS_SERVER_BIN (see the README's Configuration).
`;

export interface StartArgs {
  help: boolean;
  dev: boolean;
  /** Seats of the room; null: solo. */
  room: number | null;
  roomDir: string;
  title: string;
  seatDisk?: number;
  seatMemory?: number;
  docker: boolean;
  webHost: string;
  webPort: number;
  allowedHosts: string[];
  /** Interface of the NATS client and websocket ports. */
  natsHost: string;
  /** Interface of the monitoring port: loopback unless NATS_MONITOR_HOST opens it on purpose. */
  monitorHost: string;
  ports: Ports;
  /** The solo server's JetStream data (one folder per server version inside). */
  dataDir: string;
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]): number {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) problems.push(`${name}=${text} is not a port number (0–65535).`);
  return n;
}

/** Parses argv (after the script) and the environment; throws one error listing every problem. */
export function parseStartArgs(argv: string[], env: NodeJS.ProcessEnv, cwd: string): StartArgs {
  const problems: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  let room: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] =
      arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    switch (name) {
      case "--help":
      case "-h":
      case "--dev":
      case "--docker":
        flags.add(name === "-h" ? "--help" : name);
        break;
      case "--room": {
        const next = inline ?? (argv[i + 1] !== undefined && /^\d+$/.test(argv[i + 1]!) ? argv[++i] : undefined);
        const n = next === undefined ? DEFAULT_SEATS : Number(next);
        if (!Number.isInteger(n) || n < 1 || n > MAX_SEATS) problems.push(`--room ${next}: give a number of seats from 1 to ${MAX_SEATS}.`);
        room = n;
        break;
      }
      case "--room-dir":
      case "--title":
      case "--seat-disk":
      case "--seat-memory": {
        const value = inline ?? argv[++i];
        if (value === undefined || value.startsWith("--")) problems.push(`${name} needs a value.`);
        else values.set(name, value);
        break;
      }
      default:
        problems.push(`Unknown option ${arg}.`);
    }
  }
  const size = (name: string) => {
    const text = values.get(name);
    if (text === undefined) return undefined;
    const n = parseSize(text);
    if (n === null || n <= 0) problems.push(`${name} ${text}: give a size such as 256MiB or 1GiB.`);
    return n ?? undefined;
  };
  const seatDisk = size("--seat-disk");
  const seatMemory = size("--seat-memory");
  if (room === null) {
    for (const name of ["--room-dir", "--title", "--seat-disk", "--seat-memory"])
      if (values.has(name)) problems.push(`${name} is for a room: add --room.`);
    if (flags.has("--docker"))
      problems.push("--docker is for a room: add --room (the solo server uses Docker by itself when there is no nats-server).");
  }
  const dev = flags.has("--dev");
  const webHost = env.PLAYGROUND_HOST || (room !== null ? "0.0.0.0" : "localhost");
  const args: StartArgs = {
    help: flags.has("--help"),
    dev,
    room,
    roomDir: path.resolve(cwd, values.get("--room-dir") ?? env.PLAYGROUND_ROOM_DIR ?? ".room"),
    title: values.get("--title") ?? "NATS workshop",
    seatDisk,
    seatMemory,
    docker: flags.has("--docker"),
    webHost,
    webPort: port(env, "PLAYGROUND_PORT", dev ? 5173 : 4173, problems),
    allowedHosts: (env.PLAYGROUND_ALLOWED_HOSTS ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean),
    natsHost: webHost === "0.0.0.0" ? "0.0.0.0" : "127.0.0.1",
    monitorHost: env.NATS_MONITOR_HOST || "127.0.0.1",
    ports: {
      client: port(env, "NATS_PORT", 4222, problems),
      http: port(env, "NATS_HTTP_PORT", 8222, problems),
      ws: port(env, "NATS_WS_PORT", 9222, problems),
    },
    dataDir: path.resolve(cwd, ".nats-data"),
  };
  if (problems.length > 0 && !args.help) throw new Error(`${problems.join("\n")}\n\n${USAGE}`);
  return args;
}
