import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, isListening } from "../../../scripts/lib/ports.ts";
import { candidatePaths, findNatsServer, INSTALL_HELP } from "../../../scripts/nats/find.ts";
import { overrideConfig, startNats } from "../../../scripts/nats/launcher.ts";
import { probeNatsWebsocket } from "../../../scripts/nats/probe.ts";

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

describe("finding nats-server", () => {
  it("looks in NATS_SERVER_BIN, then PATH, then the usual directories", () => {
    const paths = candidatePaths({ NATS_SERVER_BIN: "/opt/x/nats-server", PATH: "/a:/b" });
    expect(paths.slice(0, 3)).toEqual(["/opt/x/nats-server", "/a/nats-server", "/b/nats-server"]);
    expect(paths).toContain("/usr/sbin/nats-server");
    expect(paths).toContain("/usr/local/bin/nats-server");
  });

  it("finds the machine's binary and its version", () => {
    const found = findNatsServer({ PATH: "/nonexistent" });
    expect(found?.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("says clearly when NATS_SERVER_BIN points at nothing usable", () => {
    expect(() => findNatsServer({ NATS_SERVER_BIN: "/nonexistent/nats-server" })).toThrow(
      /NATS_SERVER_BIN=\/nonexistent\/nats-server is not a working/,
    );
  });

  it("names every install option when nothing is found", () => {
    for (const way of ["apt-get install nats-server", "brew install nats-server", "docker compose", "NATS_SERVER_BIN"])
      expect(INSTALL_HELP).toContain(way);
  });
});

describe("starting nats-server", () => {
  it("overrides only ports, listen address and store; keeps the docker/ config's settings", () => {
    const conf = overrideConfig({
      configDir: "/tmp/x",
      ports: { client: 1, http: 2, ws: 3 },
      host: "127.0.0.1",
      storeDir: "/tmp/s",
      jetstream: true,
    });
    expect(conf).toMatch(/^include ".*docker\/nats.conf"/);
    expect(conf).toContain("port: 1");
    expect(conf).toContain('store_dir: "/tmp/s"');
    expect(conf).toContain("max_file_store: 1GB");
    expect(conf).toMatch(/websocket \{[^}]*no_tls: true[^}]*compression: false/);
  });

  it("serves websocket + monitoring on free ports, keeps JetStream data across kill -9 and restart, and stops cleanly", async () => {
    const storeDir = mkdtempSync(path.join(os.tmpdir(), "launcher-test-"));
    cleanup.push(() => rmSync(storeDir, { recursive: true, force: true }));
    const s = await startNats({ storeDir });
    const varz = (await (await fetch(`${s.monitorUrl}/varz`)).json()) as {
      max_payload: number;
      websocket: { port: number; compression: boolean };
    };
    expect(varz.max_payload).toBe(1024 * 1024);
    expect(varz.websocket.port).toBe(s.ports.ws);
    expect(await probeNatsWebsocket(s.wsUrl)).toBe(s.version);
    const pid = s.pid;
    await s.kill();
    expect(await isListening(s.ports.ws)).toBe(false);
    await s.restart();
    expect(s.pid).not.toBe(pid);
    const jsz = (await (await fetch(`${s.monitorUrl}/jsz`)).json()) as { config: { store_dir: string } };
    expect(jsz.config.store_dir.startsWith(storeDir)).toBe(true);
    await s.stop();
    expect(await isListening(s.ports.client)).toBe(false);
    expect(await isListening(s.ports.http)).toBe(false);
  });

  it("reports a server that cannot start with its own log", async () => {
    const blocker = http.createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, "127.0.0.1", r));
    cleanup.push(() => new Promise<void>((r) => blocker.close(() => r())));
    await expect(startNats({ ports: { client: port } })).rejects.toThrow(/nats-server exited while starting|address already in use/);
  });
});

describe("recognising a NATS websocket (npm start reuses one)", () => {
  it("answers null for a port where nothing listens", async () => {
    expect(await probeNatsWebsocket(`ws://127.0.0.1:${await freePort()}`)).toBeNull();
  });

  it("answers null for a web server that is not NATS", async () => {
    const other = http.createServer((_req, res) => res.end("hello"));
    const port = await freePort();
    await new Promise<void>((r) => other.listen(port, "127.0.0.1", r));
    cleanup.push(() => new Promise<void>((r) => other.close(() => r())));
    expect(await probeNatsWebsocket(`ws://127.0.0.1:${port}`)).toBeNull();
  });
});
