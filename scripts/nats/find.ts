import { isExecutable } from "../lib/fs.ts";
import path from "node:path";
import { aptInstall, capture, isDebianLike, isRoot } from "../lib/run.ts";
import { say } from "../lib/log.ts";

export interface NatsBinary {
  path: string;
  /** e.g. "2.9.10" */
  version: string;
}

const WELL_KNOWN_DIRS = ["/usr/sbin", "/usr/local/bin", "/usr/bin", "/opt/homebrew/bin"];

export const INSTALL_HELP = [
  "No nats-server binary was found. Install one of these ways, then run the command again:",
  "  Debian/Ubuntu:  sudo apt-get install nats-server",
  "  macOS:          brew install nats-server",
  "  Docker:         docker compose up -d nats   (then npm start reuses it)",
  "  Release binary: download from the nats-server GitHub releases and put it on PATH,",
  "                  or point NATS_SERVER_BIN at it.",
].join("\n");

/** Asks the binary for its version; null when it is not a working nats-server. */
export function natsVersion(bin: string): string | null {
  const { code, out } = capture(bin, ["--version"]);
  const m = /v?(\d+\.\d+\.\d+[\w.-]*)/.exec(out);
  return code === 0 && m?.[1] ? m[1] : null;
}

/** Candidate paths in the documented order: NATS_SERVER_BIN, PATH, /usr/sbin, /usr/local/bin, … */
export function candidatePaths(env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  if (env.NATS_SERVER_BIN) out.push(env.NATS_SERVER_BIN);
  for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) out.push(path.join(dir, "nats-server"));
  for (const dir of WELL_KNOWN_DIRS) out.push(path.join(dir, "nats-server"));
  return [...new Set(out)];
}

/** The first working nats-server among the candidates. NATS_SERVER_BIN, when set, must work. */
export function findNatsServer(env: NodeJS.ProcessEnv = process.env): NatsBinary | null {
  if (env.NATS_SERVER_BIN) {
    const version = isExecutable(env.NATS_SERVER_BIN) ? natsVersion(env.NATS_SERVER_BIN) : null;
    if (!version) throw new Error(`NATS_SERVER_BIN=${env.NATS_SERVER_BIN} is not a working nats-server binary.`);
    return { path: env.NATS_SERVER_BIN, version };
  }
  for (const candidate of candidatePaths(env)) {
    if (!isExecutable(candidate)) continue;
    const version = natsVersion(candidate);
    if (version) return { path: candidate, version };
  }
  return null;
}

/** Finds nats-server, installing Debian's package with apt-get when running as root on Debian/Ubuntu. */
export async function ensureNatsServer(): Promise<NatsBinary> {
  const found = findNatsServer();
  if (found) return found;
  if (isRoot() && isDebianLike()) {
    say("nats-server is not installed: installing Debian's nats-server package with apt-get …");
    if (await aptInstall("nats-server")) {
      const installed = findNatsServer();
      if (installed) return installed;
    }
    throw new Error(`apt-get could not install nats-server.\n${INSTALL_HELP}`);
  }
  throw new Error(INSTALL_HELP);
}

/** True when a Docker engine answers (the client alone is not enough). */
export function dockerEngineAnswers(): boolean {
  return capture("docker", ["info", "--format", "{{.ServerVersion}}"], 5000).code === 0;
}
