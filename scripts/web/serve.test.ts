import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostAllowed, hostOf, machineNames, startWebServer, type WebServer } from "./serve.ts";

// The launcher's web server against a small build of its own: what a browser in the room gets.

const dist = mkdtempSync(path.join(os.tmpdir(), "serve-test-"));
const script = `console.log(${JSON.stringify("x".repeat(4000))});`;
let web: WebServer;
let solo: WebServer;
beforeAll(async () => {
  mkdirSync(path.join(dist, "assets"));
  writeFileSync(path.join(dist, "index.html"), "<!doctype html><script type=module src=/assets/main-abc123.js></script>");
  writeFileSync(path.join(dist, "assets", "main-abc123.js"), script);
  writeFileSync(path.join(dist, "assets", "main-abc123.js.br"), brotliCompressSync(script));
  writeFileSync(path.join(dist, "assets", "main-abc123.js.gz"), gzipSync(script));
  const info = { v: 1 as const, room: "r1", title: "T", seats: 2, wsPort: 9222, servers: [], lobby: "creds", service: "X", joinUrls: [] };
  web = await startWebServer({ dist, host: "127.0.0.1", port: 0, allowedHosts: ["workshop.example"], roomInfo: () => info });
  solo = await startWebServer({ dist, host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await web.close();
  await solo.close();
  rmSync(dist, { recursive: true, force: true });
});

function get(server: WebServer, p: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port: server.port, path: p, headers: { Host: `localhost:${server.port}`, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

describe("the launcher's web server", () => {
  it("sends the build's brotli or gzip file to a browser that takes it, the plain one otherwise", async () => {
    const br = await get(web, "/assets/main-abc123.js", { "Accept-Encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.body.length).toBeLessThan(script.length / 10);
    const gz = await get(web, "/assets/main-abc123.js", { "Accept-Encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    const plain = await get(web, "/assets/main-abc123.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it("caches hashed assets for a year and makes pages revalidate", async () => {
    expect((await get(web, "/assets/main-abc123.js")).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const page = await get(web, "/");
    expect(page.status).toBe(200);
    expect(page.headers["cache-control"]).toBe("no-cache");
    expect(page.headers.etag).toBeTruthy();
    expect((await get(web, "/", { "If-None-Match": String(page.headers.etag) })).status).toBe(304);
  });

  it("answers to the machine's names, addresses and the allowed ones; refuses any other Host and says how to allow it", async () => {
    for (const host of [`${os.hostname()}:1`, "192.168.1.20:4173", "[::1]:4173", "workshop.example", "localhost"]) {
      expect((await get(web, "/", { Host: host })).status, host).toBe(200);
    }
    const evil = await get(web, "/", { Host: "attacker.example:4173" });
    expect(evil.status).toBe(403);
    expect(evil.body.toString()).toMatch(/does not answer to the name "attacker.example".*PLAYGROUND_ALLOWED_HOSTS=attacker.example/);
    expect((await get(web, "/room.json", { Host: "rebound.attacker.example" })).status).toBe(403);
  });

  it("serves /room.json in a room (never cached), nothing (204) solo", async () => {
    const room = await get(web, "/room.json");
    expect(room.headers["cache-control"]).toBe("no-store");
    expect(JSON.parse(room.body.toString())).toMatchObject({ room: "r1", wsPort: 9222 });
    expect((await get(solo, "/room.json")).status).toBe(204);
    expect((await get(solo, "/nothing-here.js")).status).toBe(404);
    expect((await get(solo, "/../../etc/passwd")).status).toBe(404);
  });

  it("reads Host headers the way browsers send them", () => {
    expect(hostOf("Laptop.Local:4173")).toBe("laptop.local");
    expect(hostOf("[fe80::1]:4173")).toBe("fe80::1");
    expect(hostAllowed("10.0.0.5", machineNames())).toBe(true);
    expect(hostAllowed("app.localhost:5173", machineNames())).toBe(true);
    expect(hostAllowed(undefined, machineNames())).toBe(false);
  });
});
