import { describe, expect, it } from "vitest";
import { quotaStorage } from "../features/storage/fakeStorage.ts";
import { createSaveGuard } from "../features/storage/saveGuard.ts";
import { createAppStore, memoryStorage } from "./store.ts";

const env = (search = "") => ({ search, buildDefaultUrl: undefined });
const KEY = "nats-playground:v1";

describe("app store", () => {
  it("starts from ?server=, then the build default, then ws://localhost:9222", () => {
    expect(createAppStore(env("?server=ws://a:1,ws://b:2"), memoryStorage()).getState().settings.servers).toEqual(["ws://a:1", "ws://b:2"]);
    expect(createAppStore({ search: "", buildDefaultUrl: "ws://built:9" }, memoryStorage()).getState().settings.servers).toEqual([
      "ws://built:9",
    ]);
    expect(createAppStore(env(), memoryStorage()).getState().settings.servers).toEqual(["ws://localhost:9222"]);
  });

  it("persists settings, participant id and lab settings, and restores them", () => {
    const storage = memoryStorage();
    const first = createAppStore(env(), storage);
    first.getState().updateSettings({ servers: ["ws://saved:9222"], token: "t0k" });
    first.getState().labSetProducer({ ratePerSecond: 321 });
    const pid = first.getState().pid;
    expect(pid).toMatch(/^[a-z0-9]{6}$/);
    const again = createAppStore(env(), storage).getState();
    expect(again.settings.servers).toEqual(["ws://saved:9222"]);
    expect(again.settings.token).toBe("t0k");
    expect(again.pid).toBe(pid);
    expect(again.labConfig.producer.ratePerSecond).toBe(321);
    expect(JSON.parse(storage.getItem(KEY) as string).state).not.toHaveProperty("status");
  });

  it("lets a ?server= link win over the saved server, and replaces a corrupt participant id", () => {
    const storage = memoryStorage();
    storage.setItem(KEY, JSON.stringify({ state: { settings: { servers: ["ws://old:1"] }, pid: "NOT VALID!" }, version: 0 }));
    const s = createAppStore(env("?server=ws://room:9222"), storage).getState();
    expect(s.settings.servers).toEqual(["ws://room:9222"]);
    expect(s.pid).not.toBe("NOT VALID!");
    expect(s.pid).toMatch(/^[a-z0-9]{6}$/);
  });

  it("refuses to connect with field errors, without touching the network", async () => {
    const store = createAppStore(env(), memoryStorage());
    store.getState().updateSettings({ servers: ["localhost:9222"], maxReconnects: 2.5 });
    await store.getState().connect();
    expect(store.getState().fieldErrors.servers).toMatch(/Add the scheme/);
    expect(store.getState().fieldErrors.maxReconnects).toMatch(/whole number/);
    expect(store.getState().status.state).toBe("idle");
  });

  it("will not start the lab before a connection, and says so", () => {
    const store = createAppStore(env(), memoryStorage());
    store.getState().labStart();
    expect(store.getState().labError).toMatch(/Connect to a NATS server first/);
  });

  it("applies a preset: its lanes, producer and lane settings", () => {
    const store = createAppStore(env(), memoryStorage());
    store.getState().labApplyPreset("inactive-threshold-trap");
    const c = store.getState().labConfig;
    expect(c.presetId).toBe("inactive-threshold-trap");
    expect(
      Object.entries(c.enabled)
        .filter(([, on]) => on)
        .map(([id]) => id),
    ).toEqual(["durable"]);
    expect(c.settings.durable.inactiveThresholdMs).toBe(10_000);
    store.getState().labSetProducer({ ratePerSecond: 5 });
    expect(store.getState().labConfig.presetId).toBeNull();
  });

  it("a tab whose persisted part did not change writes nothing, so it cannot wipe what another tab saved", () => {
    const storage = memoryStorage();
    const lab = createAppStore(env(), storage);
    lab.setState({ status: { ...lab.getState().status, rttMs: 1 } });
    const exercises = createAppStore(env(), storage);
    exercises.getState().saveExerciseCode("01-hello-pubsub", "my code");
    // The lab tab's snapshots change only state that is not persisted.
    for (let i = 0; i < 10; i++) lab.setState({ status: { ...lab.getState().status, rttMs: i } });
    expect(JSON.parse(storage.getItem(KEY) as string).state.exerciseProgress["01-hello-pubsub"].code).toBe("my code");
  });

  it("a ?server= link to another server never gets the saved token, and is not saved, until the user says so", async () => {
    const storage = memoryStorage();
    const home = createAppStore(env("?server=ws://room:9222"), storage);
    home.getState().updateSettings({ token: "room-token" });
    expect(home.getState().settings.authFor).toEqual(["ws://room:9222"]);

    const visit = createAppStore(env("?server=ws://evil:9222"), storage);
    const q = visit.getState().credentialsQuestion;
    expect(q).toMatchObject({ servers: ["ws://evil:9222"], boundTo: ["ws://room:9222"], saved: ["ws://room:9222"], what: "token" });
    // Anything this tab saves meanwhile keeps the room's server, not the link's.
    visit.getState().labSetProducer({ ratePerSecond: 7 });
    expect(JSON.parse(storage.getItem(KEY) as string).state.settings.servers).toEqual(["ws://room:9222"]);
    await visit.getState().connect();
    expect(visit.getState().status.state).toBe("idle");

    // The answer applies at once; the connection it starts is not this test's business (no server here).
    void visit.getState().answerCredentialsQuestion("back");
    expect(visit.getState().settings.servers).toEqual(["ws://room:9222"]);
    expect(visit.getState().credentialsQuestion).toBeNull();
    await visit.getState().disconnect();
  });

  it("sending the credentials to the new server re-binds them; going without keeps them for their own server", async () => {
    const storage = memoryStorage();
    createAppStore(env("?server=ws://room:9222"), storage).getState().updateSettings({ token: "room-token" });
    const send = createAppStore(env("?server=ws://other:9222"), storage);
    void send.getState().answerCredentialsQuestion("send");
    expect(send.getState().settings.authFor).toEqual(["ws://other:9222"]);
    await send.getState().disconnect();

    const storage2 = memoryStorage();
    createAppStore(env("?server=ws://room:9222"), storage2).getState().updateSettings({ token: "room-token" });
    const without = createAppStore(env("?server=ws://other:9222"), storage2);
    void without.getState().answerCredentialsQuestion("without");
    expect(without.getState().settings.authFor).toEqual(["ws://room:9222"]);
    expect(without.getState().settings.token).toBe("room-token");
    expect(without.getState().withoutCredentialsFor).toEqual(["ws://other:9222"]);
    await without.getState().disconnect();
  });

  it("credentials saved before binding existed belong to the servers saved with them", () => {
    const storage = memoryStorage();
    storage.setItem(KEY, JSON.stringify({ state: { settings: { servers: ["ws://old:1"], token: "t" } }, version: 0 }));
    const s = createAppStore(env(), storage).getState();
    expect(s.settings.authFor).toEqual(["ws://old:1"]);
    expect(s.credentialsQuestion).toBeNull();
  });

  it("a save the browser refuses (storage full) neither throws nor loses the state: the guard's status says so", () => {
    const storage = quotaStorage(2_000);
    const guard = createSaveGuard(() => 42);
    const store = createAppStore(env(), storage, guard);
    store.getState().saveExerciseCode("01-hello-pubsub", "short");
    expect(() => store.getState().saveExerciseCode("01-hello-pubsub", "x".repeat(3_000))).not.toThrow();
    expect(store.getState().exerciseProgress["01-hello-pubsub"]?.code).toHaveLength(3_000);
    expect(guard.status.getState().failure).toMatchObject({ full: true, since: 42, unsavedExercises: ["01-hello-pubsub"] });
    expect(JSON.parse(storage.getItem(KEY) as string).state.exerciseProgress["01-hello-pubsub"].code).toBe("short");
    // A store without its own guard behaves the same.
    expect(() => createAppStore(env(), storage).getState().saveExerciseCode("02-subjects-and-requests", "y".repeat(3_000))).not.toThrow();
  });
});
