import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { capture } from "./lib/run.ts";
import { ensureNatsServer } from "./nats/find.ts";
import { DOCKER_ROOM, dockerRoomConfig } from "./room/docker.ts";
import { prepareRoom } from "./room/room.ts";

// Structure checks for the container setup: docker-compose.yml, docker/Dockerfile, docker/nginx.conf and
// the nats-server configs they use. No Docker engine is needed: every file is read and parsed here.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DOCKER_DIR = path.join(ROOT, "docker");
/** 2.10.20–2.10.22 could lose streams after a kill -9 (nats-server #6888). */
const MIN_NATS_VERSION = [2, 10, 23] as const;

const read = (rel: string): string => readFileSync(path.join(ROOT, rel), "utf8");

// ---------------------------------------------------------------------------------------------------
// Small typed views over the parsed YAML.

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function obj(v: unknown, what: string): Obj {
  if (!isObj(v)) throw new Error(`${what} is not a mapping`);
  return v;
}

function list(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new Error(`${what} is not a list`);
  return v;
}

function str(v: unknown, what: string): string {
  if (typeof v !== "string") throw new Error(`${what} is not a string`);
  return v;
}

interface Mount {
  source: string;
  target: string;
  readOnly: boolean;
  /** A named volume (declared under the top-level `volumes`), as opposed to a bind mount of a host path. */
  named: boolean;
}

const isHostPath = (source: string): boolean => /^(\.|\/|~)/.test(source);

function mountsOf(service: Obj, name: string): Mount[] {
  if (service.volumes === undefined) return [];
  return list(service.volumes, `${name}.volumes`).map((entry, i) => {
    if (typeof entry === "string") {
      const [source = "", target = "", mode = ""] = entry.split(":");
      return { source, target, readOnly: mode.split(",").includes("ro"), named: !isHostPath(source) };
    }
    const long = obj(entry, `${name}.volumes[${i}]`);
    const source = str(long.source, `${name}.volumes[${i}].source`);
    return {
      source,
      target: str(long.target, `${name}.volumes[${i}].target`),
      readOnly: long.read_only === true,
      named: long.type === "volume" || (long.type === undefined && !isHostPath(source)),
    };
  });
}

interface PortMapping {
  /** undefined when the port is not published on the host. */
  host: number | undefined;
  container: number;
}

function portsOf(service: Obj, name: string): PortMapping[] {
  if (service.ports === undefined) return [];
  return list(service.ports, `${name}.ports`).map((entry, i) => {
    if (typeof entry === "number") return { host: undefined, container: entry };
    if (typeof entry === "string") {
      const parts = entry.replace(/\/(tcp|udp)$/, "").split(":");
      const container = Number(parts.at(-1));
      const host = parts.length >= 2 ? Number(parts.at(-2)) : undefined;
      return { host, container };
    }
    const long = obj(entry, `${name}.ports[${i}]`);
    return {
      host: long.published === undefined ? undefined : Number(long.published),
      container: Number(long.target),
    };
  });
}

function commandOf(service: Obj, name: string): string[] {
  if (typeof service.command === "string") return service.command.trim().split(/\s+/);
  return list(service.command, `${name}.command`).map((a, i) => str(a, `${name}.command[${i}]`));
}

/** The value given to --config / -c, in any of the forms nats-server accepts. */
function configArg(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const eq = /^(?:--config|-config|-c)=(.+)$/.exec(arg);
    if (eq) return eq[1];
    if (["--config", "-config", "-c"].includes(arg)) return args[i + 1];
  }
  return undefined;
}

/** `${NAME:-default}` or `${NAME-default}` → default; a plain value → itself. */
function composeDefault(value: string): string | undefined {
  const m = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}$/.exec(value);
  if (m) return m[1];
  return value.includes("${") ? undefined : value;
}

function environmentOf(service: Obj, name: string): Map<string, string> {
  const env = new Map<string, string>();
  if (Array.isArray(service.environment)) {
    for (const item of service.environment) {
      const [key = "", ...rest] = str(item, `${name}.environment[]`).split("=");
      env.set(key, rest.join("="));
    }
  } else if (service.environment !== undefined) {
    for (const [key, value] of Object.entries(obj(service.environment, `${name}.environment`))) {
      env.set(key, value === null ? "" : String(value));
    }
  }
  return env;
}

function parseNatsImage(image: string): { version: number[]; variant: string | undefined } | undefined {
  const m = /^nats:(\d+)\.(\d+)\.(\d+)(?:-([a-z][a-z0-9.]*))?$/.exec(image);
  if (!m) return undefined;
  return { version: [Number(m[1]), Number(m[2]), Number(m[3])], variant: m[4] };
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------------
// nats-server config files: just enough of the format to find blocks and settings.

function stripConfComments(conf: string): string {
  return conf
    .split("\n")
    .map((line) => line.replace(/(#|\/\/).*$/, ""))
    .join("\n");
}

/** The body of `name { ... }` (first occurrence), braces matched. */
function confBlock(conf: string, name: string): string | undefined {
  const open = new RegExp(`(^|\\s)${name}\\s*[:=]?\\s*\\{`, "m").exec(conf);
  if (!open) return undefined;
  const start = open.index + open[0].length;
  let depth = 1;
  for (let i = start; i < conf.length; i++) {
    if (conf[i] === "{") depth++;
    if (conf[i] === "}" && --depth === 0) return conf.slice(start, i);
  }
  return undefined;
}

/** The text outside every block: settings that apply to the whole server. */
function confTopLevel(conf: string): string {
  let depth = 0;
  let out = "";
  for (const ch of conf) {
    if (ch === "{") depth++;
    else if (ch === "}") depth--;
    else if (depth === 0) out += ch;
  }
  return out;
}

function confSetting(text: string, key: string): string | undefined {
  const m = new RegExp(`^\\s*${key}\\s*[:=]?\\s*(?:"([^"]*)"|(\\S+))\\s*$`, "m").exec(text);
  return m ? (m[1] ?? m[2]) : undefined;
}

function confIncludes(conf: string): string[] {
  return [...conf.matchAll(/^\s*include\s+(?:"([^"]+)"|'([^']+)'|(\S+))/gm)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

// ---------------------------------------------------------------------------------------------------
// Dockerfile: stages and their instructions.

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  name: string | undefined;
  from: string;
  instructions: Instruction[];
}

function dockerStages(dockerfile: string): Stage[] {
  const lines = dockerfile
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [op = "", ...rest] = line.split(/\s+/);
    const args = rest.join(" ");
    if (op.toUpperCase() === "FROM") {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      stages.push({ from: m?.[1] ?? args, name: m?.[2], instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ op: op.toUpperCase(), args });
    }
  }
  return stages;
}

const ops = (stage: Stage, op: string): string[] => stage.instructions.filter((i) => i.op === op).map((i) => i.args);

// ---------------------------------------------------------------------------------------------------

const compose = obj(parse(read("docker-compose.yml")), "docker-compose.yml");
const services = obj(compose.services, "services");
const declaredVolumes = compose.volumes === undefined ? {} : obj(compose.volumes, "volumes");
const service = (name: string): Obj => obj(services[name], `services.${name}`);

const natsConf = stripConfComments(read("docker/nats.conf"));
const natsConfTop = confTopLevel(natsConf);
const websocketBlock = confBlock(natsConf, "websocket");
const jetstreamBlock = confBlock(natsConf, "jetstream");

/** Every service running the official nats image. */
const natsServices = Object.keys(services).filter((name) => {
  const image = service(name).image;
  return typeof image === "string" && /^nats[:@]/.test(image);
});
/** Those whose config is a file of docker/ (the room's server config is written by the launcher). */
const fixedConfigServices = natsServices.filter((name) => name !== DOCKER_ROOM.service);

/** Reads the config that a nats service starts with, following its includes, by container path. */
function serverConfigOf(name: string): { target: string; files: Map<string, string> } {
  const svc = service(name);
  const mounted = new Map(
    mountsOf(svc, name)
      .filter((m) => !m.named)
      .map((m) => [m.target, path.resolve(ROOT, m.source)] as const),
  );
  const target = configArg(commandOf(svc, name));
  if (target === undefined) throw new Error(`${name} starts nats-server without --config`);
  const files = new Map<string, string>();
  const visit = (containerPath: string): void => {
    const hostPath = mounted.get(containerPath);
    if (hostPath === undefined) throw new Error(`${name}: ${containerPath} is not mounted into the container`);
    if (files.has(containerPath)) return;
    const text = stripConfComments(readFileSync(hostPath, "utf8"));
    files.set(containerPath, text);
    // nats-server resolves an include relative to the including file's directory.
    for (const inc of confIncludes(text)) visit(path.posix.resolve(path.posix.dirname(containerPath), inc));
  };
  visit(target);
  return { target, files };
}

describe("docker-compose.yml: the nats services", () => {
  it("has a `nats` service on the official image", () => {
    expect(natsServices).toContain("nats");
  });

  it("pins every nats image to an exact release no older than 2.10.23", () => {
    for (const name of natsServices) {
      const image = str(service(name).image, `${name}.image`);
      const parsed = parseNatsImage(image);
      expect(parsed, `${name}: ${image} is not nats:<major>.<minor>.<patch>[-variant]`).toBeDefined();
      if (!parsed) continue;
      expect(
        compareVersions(parsed.version, MIN_NATS_VERSION),
        `${name}: ${parsed.version.join(".")} is older than ${MIN_NATS_VERSION.join(".")}`,
      ).toBeGreaterThanOrEqual(0);
    }
    // Sanity of the checker itself: floating tags and old releases are refused.
    for (const floating of ["nats:latest", "nats:2.10", "nats:2", "nats:2.10-alpine", "nats"]) {
      expect(parseNatsImage(floating), floating).toBeUndefined();
    }
    const old = parseNatsImage("nats:2.10.22");
    expect(old && compareVersions(old.version, MIN_NATS_VERSION)).toBeLessThan(0);
    const newer = parseNatsImage("nats:2.11.1-alpine3.22");
    expect(newer && compareVersions(newer.version, MIN_NATS_VERSION)).toBeGreaterThan(0);
  });

  it("mounts its config files read-only from docker/ and starts the server with one of them", () => {
    for (const name of fixedConfigServices) {
      const confMounts = mountsOf(service(name), name).filter((m) => !m.named && m.target.endsWith(".conf"));
      expect(confMounts.length, `${name} mounts no config`).toBeGreaterThan(0);
      for (const m of confMounts) {
        const hostPath = path.resolve(ROOT, m.source);
        expect(path.dirname(hostPath), `${name}: ${m.source} is not in docker/`).toBe(DOCKER_DIR);
        expect(existsSync(hostPath), `${name}: ${m.source} does not exist`).toBe(true);
        expect(m.readOnly, `${name}: ${m.target} should be mounted :ro`).toBe(true);
      }
      const target = configArg(commandOf(service(name), name));
      expect(confMounts.map((m) => m.target)).toContain(target);
    }
    const main = mountsOf(service("nats"), "nats").find((m) => m.target === serverConfigOf("nats").target);
    expect(path.resolve(ROOT, main?.source ?? "")).toBe(path.join(DOCKER_DIR, "nats.conf"));
  });

  it("mounts every file the started config includes, where nats-server will look for it", () => {
    for (const name of fixedConfigServices) {
      const { files } = serverConfigOf(name);
      // The server ends up with nats.conf's settings: its websocket block is among the files it reads.
      expect(
        [...files.values()].some((text) => confBlock(text, "websocket") !== undefined),
        name,
      ).toBe(true);
    }
  });

  it("publishes the client, monitoring and websocket ports that docker/nats.conf listens on", () => {
    const confPorts = [
      Number(confSetting(natsConfTop, "port")),
      Number(confSetting(natsConfTop, "http_port")),
      Number(confSetting(websocketBlock ?? "", "port")),
    ];
    expect(confPorts).toEqual([4222, 8222, 9222]);
    const published = portsOf(service("nats"), "nats");
    for (const port of confPorts) {
      expect(published, `nats does not publish ${port}:${port}`).toContainEqual({ host: port, container: port });
    }
    for (const name of natsServices) {
      const containerPorts = portsOf(service(name), name)
        .filter((p) => p.host !== undefined)
        .map((p) => p.container);
      expect(containerPorts.sort()).toEqual([...confPorts].sort());
    }
  });

  it("keeps JetStream's store_dir on a declared named volume, one per server", () => {
    const storeDir = confSetting(jetstreamBlock ?? "", "store_dir");
    expect(storeDir, "docker/nats.conf has no jetstream store_dir").toBeDefined();
    if (storeDir === undefined) return;
    expect(path.posix.isAbsolute(storeDir)).toBe(true);
    const used = new Set<string>();
    for (const name of natsServices) {
      const holding = mountsOf(service(name), name).filter(
        (m) => storeDir === m.target || storeDir.startsWith(`${m.target.replace(/\/$/, "")}/`),
      );
      expect(holding.length, `${name}: no volume holds ${storeDir}`).toBe(1);
      const volume = holding[0];
      if (!volume) continue;
      expect(volume.named, `${name}: ${volume.source} is not a named volume`).toBe(true);
      expect(volume.readOnly).toBe(false);
      expect(volume.target).toBe(path.posix.dirname(storeDir));
      expect(Object.keys(declaredVolumes), `${volume.source} is not declared under volumes`).toContain(volume.source);
      // Two servers must never share a store directory.
      expect(used.has(volume.source), `${volume.source} is shared`).toBe(false);
      used.add(volume.source);
    }
  });

  it("health-checks /healthz on the monitoring port only with a tool the image has", () => {
    for (const name of natsServices) {
      const healthcheck = service(name).healthcheck;
      if (healthcheck === undefined) continue;
      const hc = obj(healthcheck, `${name}.healthcheck`);
      if (hc.disable === true) continue;
      const test = Array.isArray(hc.test) ? hc.test.join(" ") : str(hc.test, `${name}.healthcheck.test`);
      // The default (and -scratch/-linux) nats image is FROM scratch: no shell, no wget, no curl.
      const variant = parseNatsImage(str(service(name).image, `${name}.image`))?.variant ?? "scratch";
      expect(variant, `${name}: a healthcheck cannot run in the scratch image`).toMatch(/^alpine/);
      expect(test).toMatch(/\bwget\b/);
      expect(test).toContain(`:${confSetting(natsConfTop, "http_port")}/healthz`);
    }
  });

  it("lets every service run at once: no host port is published twice", () => {
    const hostPorts = Object.keys(services).flatMap((name) =>
      portsOf(service(name), name).flatMap((p) => (p.host === undefined ? [] : [p.host])),
    );
    expect(hostPorts.length).toBeGreaterThan(0);
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });
});

describe("docker-compose.yml: the token variant", () => {
  const tokenServices = natsServices.filter((name) => configArg(commandOf(service(name), name))?.endsWith("/nats-token.conf"));

  it("starts a server with docker/nats-token.conf, behind a profile", () => {
    expect(tokenServices.length).toBe(1);
    const name = tokenServices[0] ?? "";
    const { target } = serverConfigOf(name);
    const mount = mountsOf(service(name), name).find((m) => m.target === target);
    expect(path.resolve(ROOT, mount?.source ?? "")).toBe(path.join(DOCKER_DIR, "nats-token.conf"));
    expect(list(service(name).profiles, `${name}.profiles`).length).toBeGreaterThan(0);
  });

  it("sets NATS_TOKEN, which the config requires, with a non-empty default", () => {
    const tokenConf = stripConfComments(read("docker/nats-token.conf"));
    expect(confSetting(confBlock(tokenConf, "authorization") ?? "", "token")).toBe("$NATS_TOKEN");
    for (const name of tokenServices) {
      const value = environmentOf(service(name), name).get("NATS_TOKEN");
      expect(value, `${name} does not set NATS_TOKEN`).toBeDefined();
      expect(composeDefault(value ?? "")).toMatch(/\S/);
    }
  });
});

describe("docker-compose.yml: the room", () => {
  const name = DOCKER_ROOM.service;
  const room = service(name);
  const mounts = mountsOf(room, name);
  const target = configArg(commandOf(room, name)) ?? "";

  it("starts the room's server, behind the profile the launcher asks for, with the config it writes", () => {
    expect(list(room.profiles, `${name}.profiles`)).toEqual(["room"]);
    const conf = mounts.find((m) => m.target === target);
    expect(conf?.readOnly).toBe(true);
    // The folder can be moved (PLAYGROUND_ROOM_DIR, set by the launcher); by default it is .room/.
    expect(conf?.source).toBe(`\${PLAYGROUND_ROOM_DIR:-./.room}/${DOCKER_ROOM.config}`);
    expect(path.posix.basename(target)).toBe(DOCKER_ROOM.config);
  });

  it("mounts docker/nats.conf beside it, where the written config's include finds it", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "compose-room-"));
    const prepared = await prepareRoom({ dir, seats: 2, seatDiskBytes: 16 * 1024 * 1024, seatMemoryBytes: 4 * 1024 * 1024 });
    const text = stripConfComments(dockerRoomConfig(prepared));
    for (const inc of confIncludes(text)) {
      const containerPath = path.posix.resolve(path.posix.dirname(target), inc);
      const mount = mounts.find((m) => m.target === containerPath);
      expect(mount, `${containerPath} is not mounted`).toBeDefined();
      expect(path.resolve(ROOT, mount?.source ?? "")).toBe(path.join(DOCKER_DIR, "nats.conf"));
    }
    // The store is the container's /data, a named volume of its own.
    expect(confSetting(confBlock(text, "jetstream") ?? "", "store_dir")).toBe("/data/jetstream");
    expect(mounts.find((m) => m.target === "/data")).toMatchObject({ named: true, source: "nats-room-data" });
    rmSync(dir, { recursive: true, force: true });
  });

  it("publishes the launcher's room ports, monitoring on loopback only", () => {
    const entries = list(room.ports, `${name}.ports`).map(String);
    expect(entries).toContain(`${DOCKER_ROOM.ports.client}:4222`);
    expect(entries).toContain(`${DOCKER_ROOM.ports.ws}:9222`);
    expect(entries).toContain(`127.0.0.1:${DOCKER_ROOM.ports.http}:8222`);
  });

  it("the config the launcher writes for it is one nats-server accepts (checked with the local binary)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "compose-room-"));
    const prepared = await prepareRoom({ dir, seats: 3, seatDiskBytes: 16 * 1024 * 1024, seatMemoryBytes: 4 * 1024 * 1024 });
    // The container's layout: the room config and nats.conf in one folder.
    writeFileSync(path.join(dir, DOCKER_ROOM.config), dockerRoomConfig(prepared));
    copyFileSync(path.join(DOCKER_DIR, "nats.conf"), path.join(dir, "nats.conf"));
    const binary = await ensureNatsServer();
    const checked = capture(binary.path, ["-t", "-c", path.join(dir, DOCKER_ROOM.config)]);
    expect(checked.out).toMatch(/configuration file .* is valid/i);
    expect(checked.code).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("docker-compose.yml: the web service", () => {
  const web = service("web");
  const build = obj(web.build, "web.build");
  const context = path.resolve(ROOT, str(build.context, "web.build.context"));
  const dockerfilePath = path.resolve(context, str(build.dockerfile, "web.build.dockerfile"));

  it("builds docker/Dockerfile from the repository's top", () => {
    expect(context).toBe(ROOT);
    expect(dockerfilePath).toBe(path.join(DOCKER_DIR, "Dockerfile"));
    expect(existsSync(dockerfilePath)).toBe(true);
  });

  it("passes VITE_NATS_URL, defaulting to the websocket port that nats publishes on localhost", () => {
    const args = obj(build.args, "web.build.args");
    const url = composeDefault(str(args.VITE_NATS_URL, "web.build.args.VITE_NATS_URL"));
    const ws = portsOf(service("nats"), "nats").find((p) => p.container === 9222);
    expect(url).toBe(`ws://localhost:${ws?.host}`);
  });

  it("starts after nats", () => {
    const deps = Array.isArray(web.depends_on) ? web.depends_on : Object.keys(obj(web.depends_on, "web.depends_on"));
    expect(deps).toContain("nats");
  });

  it("publishes the port that the image's final stage exposes and nginx listens on", () => {
    const published = portsOf(web, "web").filter((p) => p.host !== undefined);
    expect(published).toEqual([{ host: 8080, container: 8080 }]);
    const containerPort = published[0]?.container;

    const stages = dockerStages(readFileSync(dockerfilePath, "utf8"));
    const final = stages.at(-1);
    expect(final).toBeDefined();
    if (!final) return;
    expect(ops(final, "EXPOSE").flatMap((a) => a.split(/\s+/).map((p) => Number(p.replace(/\/tcp$/, ""))))).toContain(containerPort);

    // The nginx config the final stage copies in listens on that port.
    const nginxCopy = ops(final, "COPY").find((a) => /\bnginx\.conf\b/.test(a) && !a.startsWith("--from"));
    expect(nginxCopy, "the final stage does not copy docker/nginx.conf").toBeDefined();
    const nginxSource = (nginxCopy ?? "").split(/\s+/)[0] ?? "";
    const nginx = readFileSync(path.resolve(context, nginxSource), "utf8");
    expect(nginx).toMatch(new RegExp(`^\\s*listen\\s+(?:\\S+:)?${containerPort}\\b`, "m"));
  });
});

describe("docker/Dockerfile", () => {
  const stages = dockerStages(read("docker/Dockerfile"));
  const build = stages[0];
  const final = stages.at(-1);

  it("is multi-stage: a Node build stage and a separate static server", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(build?.from).toMatch(/^node:20[.-]/);
    expect(build?.name).toBeDefined();
    expect(final?.from).toMatch(/^nginx:\d+\.\d+/);
  });

  it("installs the locked dependencies and bakes VITE_NATS_URL into the vite build", () => {
    if (!build) throw new Error("no build stage");
    const runs = build.instructions.filter((i) => i.op === "RUN").map((i) => i.args);
    expect(runs.some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    const buildAt = build.instructions.findIndex((i) => i.op === "RUN" && /\bvite build\b/.test(i.args));
    const argAt = build.instructions.findIndex((i) => i.op === "ARG" && /^VITE_NATS_URL\b/.test(i.args));
    expect(buildAt).toBeGreaterThanOrEqual(0);
    expect(argAt, "ARG VITE_NATS_URL must come before the vite build").toBeGreaterThanOrEqual(0);
    expect(argAt).toBeLessThan(buildAt);
  });

  it("serves the build stage's dist/ from the directory nginx uses as its root", () => {
    if (!build || !final) throw new Error("missing stages");
    const workdir = ops(build, "WORKDIR").at(-1) ?? "/";
    const copy = ops(final, "COPY").find((a) => a.startsWith(`--from=${build.name} `));
    expect(copy, "the final stage does not copy from the build stage").toBeDefined();
    const [, from = "", to = ""] = (copy ?? "").split(/\s+/);
    expect(path.posix.resolve(workdir, from)).toBe(path.posix.join(workdir, "dist"));
    const root = /^\s*root\s+([^;\s]+)\s*;/m.exec(read("docker/nginx.conf"))?.[1];
    expect(to.replace(/\/$/, "")).toBe(root);
  });
});

describe("docker/nginx.conf", () => {
  const nginx = read("docker/nginx.conf");

  it("falls back to index.html for client-side routes", () => {
    expect(nginx).toMatch(/try_files\s+\$uri\s+\$uri\/\s+\/index\.html\s*;/);
  });

  it("caches the hashed /assets/ for a long time but revalidates index.html", () => {
    const assets = /location\s+\/assets\/\s*\{([^}]*)\}/.exec(nginx)?.[1] ?? "";
    expect(assets).toMatch(/Cache-Control\s+"[^"]*max-age=31536000[^"]*immutable/);
    const index = /location\s+=\s+\/index\.html\s*\{([^}]*)\}/.exec(nginx)?.[1] ?? "";
    expect(index).toMatch(/Cache-Control\s+"no-cache"/);
  });
});

describe("docker/nats.conf", () => {
  it("serves browsers over plain, uncompressed websocket", () => {
    expect(websocketBlock, "no websocket block").toBeDefined();
    expect(confSetting(websocketBlock ?? "", "no_tls")).toBe("true");
    expect(confSetting(websocketBlock ?? "", "compression")).toBe("false");
  });

  it("sets max_payload for the whole server", () => {
    expect(confSetting(natsConfTop, "max_payload")).toMatch(/^\d+(?:[KMG]B?)?$/i);
  });
});

describe(".dockerignore", () => {
  it("keeps host artefacts out of the build context", () => {
    const entries = read(".dockerignore")
      .split("\n")
      .map((l) =>
        l
          .trim()
          .replace(/^\*\*\//, "")
          .replace(/^\//, "")
          .replace(/\/$/, ""),
      )
      .filter((l) => l !== "" && !l.startsWith("#"));
    const required = ["node_modules", "dist", "coverage", ".git", "test-results", "playwright-report", ".nats-data"];
    for (const entry of required) expect(entries).toContain(entry);
  });
});
