import { inject, describe, expect, it, afterEach } from "vitest";
import { startNats, type NatsServer } from "../../../scripts/nats/launcher.ts";
import { createConnectionMonitor, openConnection, probeJetStream, type ConnectionStatus } from "../../src/nats/connection.ts";
import { PlaygroundError } from "../../src/nats/errors.ts";
import { freePort } from "../../../scripts/lib/ports.ts";
import { defaultSettings } from "../../src/nats/settings.ts";
import { until } from "./helpers.ts";

const wsUrl = inject("natsWsUrl");
const extraServers: NatsServer[] = [];
afterEach(async () => {
  await Promise.all(extraServers.splice(0).map((s) => s.stop()));
});

describe("websocket connection to a real nats-server", () => {
  it("publishes and receives a message over websocket", async () => {
    const nc = await openConnection(defaultSettings([wsUrl]));
    const sub = nc.subscribe("itest.hello", { max: 1 });
    nc.publish("itest.hello", "hi there");
    for await (const m of sub) expect(m.string()).toBe("hi there");
    expect(sub.getReceived()).toBe(1);
    await nc.close();
  });

  it("reports JetStream as enabled on the playground config", async () => {
    const nc = await openConnection(defaultSettings([wsUrl]));
    expect(await probeJetStream(nc)).toEqual({ enabled: true });
    await nc.close();
  });

  it("explains a server without JetStream", async () => {
    const s = await startNats({ jetstream: false });
    extraServers.push(s);
    const nc = await openConnection(defaultSettings([s.wsUrl]));
    const js = await probeJetStream(nc);
    expect(js.enabled).toBe(false);
    expect(js.enabled === false && js.reason).toMatch(/JetStream is not enabled on this server/);
    await nc.close();
  });

  it("explains that nothing listens at the URL", async () => {
    const port = await freePort();
    const err = await openConnection(defaultSettings([`ws://127.0.0.1:${port}`])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlaygroundError);
    expect((err as PlaygroundError).kind).toBe("unreachable");
    expect((err as PlaygroundError).message).toContain(`ws://127.0.0.1:${port}`);
  });

  it("tries a first connection once more: a server that comes up half a second late is reached", async () => {
    const port = await freePort();
    const connecting = openConnection(defaultSettings([`ws://127.0.0.1:${port}`]));
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 150));
    extraServers.push(await startNats({ ports: { ws: port } }));
    const nc = await connecting;
    expect(nc.isClosed()).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    await nc.close();
  });

  it("explains the TCP port given instead of the websocket port", async () => {
    const s = await startNats();
    extraServers.push(s);
    const err = await openConnection(defaultSettings([`ws://127.0.0.1:${s.ports.client}`])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlaygroundError);
    expect((err as PlaygroundError).message).toMatch(/TCP client port/);
  });

  it("tells a missing token from a wrong one", async () => {
    const s = await startNats({ token: "workshop-secret" });
    extraServers.push(s);
    const missing = await openConnection(defaultSettings([s.wsUrl])).catch((e: unknown) => e);
    expect((missing as PlaygroundError).kind).toBe("auth");
    expect((missing as PlaygroundError).message).toMatch(/requires authentication/);
    const wrong = await openConnection({ ...defaultSettings([s.wsUrl]), token: "nope" }).catch((e: unknown) => e);
    expect((wrong as PlaygroundError).kind).toBe("auth");
    expect((wrong as PlaygroundError).message).toMatch(/refused the token/);
    const nc = await openConnection({ ...defaultSettings([s.wsUrl]), token: "workshop-secret" });
    expect(nc.info?.server_name).toBe("workshop");
    await nc.close();
  });

  it("monitor: reconnects after a server restart, then gives up when the server stays down", async () => {
    const s = await startNats();
    extraServers.push(s);
    const seen: ConnectionStatus[] = [];
    const monitor = createConnectionMonitor({ onStatus: (st) => seen.push(st) });
    await monitor.connect({ ...defaultSettings([s.wsUrl]), maxReconnects: 3, reconnectWaitSeconds: 1 });
    await until(() => monitor.status().jetstream === "enabled");
    expect(monitor.status()).toMatchObject({ state: "connected", serverName: "workshop", serverVersion: inject("natsVersion") });

    await s.kill();
    await until(() => monitor.status().state === "reconnecting");
    await s.restart();
    await until(() => monitor.status().state === "connected");

    await s.kill();
    await until(() => monitor.status().state === "gave-up");
    expect(monitor.status().error?.message).toMatch(/Gave up after 3 reconnect attempts/);
    const attempts = seen.filter((st) => st.state === "reconnecting").map((st) => st.reconnectAttempt);
    expect(Math.max(...attempts)).toBe(3);
    await monitor.disconnect();
    expect(monitor.status().state).toBe("idle");
  });
});
