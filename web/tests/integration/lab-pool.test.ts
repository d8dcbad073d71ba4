// The worker-pool lane against a real server: K consumer workers share one durable consumer, each
// event is delivered to one of them and processed once; a worker removed mid-run hands its unacked
// messages back to the others; paused acks come back as redeliveries. In Node the workers run
// in-process (there are no Web Workers), each on its own connection as in the browser.
import { afterEach, describe, expect, inject, it } from "vitest";
import { jetstreamManager } from "@nats-io/jetstream";
import { openConnection } from "../../src/nats/connection.ts";
import { defaultSettings } from "../../src/nats/settings.ts";
import { newParticipantId } from "../../src/nats/namespace.ts";
import { createLabEngine, type LabEngine } from "../../src/lab/engine/engine.ts";
import { allLaneSettings } from "../../src/lab/contract/modes/index.ts";
import type { EngineSnapshot } from "../../src/lab/contract/protocol.ts";

const connection = { ...defaultSettings([inject("natsWsUrl")]), reconnectWaitSeconds: 1 };
let engine: LabEngine | undefined;
afterEach(async () => {
  await engine?.handle({ type: "reset" });
  engine = undefined;
});

async function until(pred: (s: EngineSnapshot) => boolean, e: LabEngine, ms = 30_000): Promise<EngineSnapshot> {
  const deadline = Date.now() + ms;
  for (;;) {
    const s = e.snapshot();
    if (pred(s)) return s;
    if (Date.now() > deadline)
      throw new Error(
        `not reached in ${ms} ms: ${JSON.stringify({ error: s.error, pool: s.lanes.pool && { ...s.lanes.pool, log: undefined } })}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function startPool(pid: string, workers: number, maxEvents: number | undefined, ratePerSecond: number, ackWaitMs = 5_000) {
  const e = createLabEngine({ emit: () => undefined, seed: 3 });
  await e.handle({ type: "configure", connection, pid });
  const settings = allLaneSettings();
  settings.pool = { ...settings.pool, workers, workMs: 0, ackWaitMs };
  await e.handle({ type: "start", lanes: ["pool"], producer: { ratePerSecond, payloadBytes: 64, retryShare: 0, maxEvents }, settings });
  expect(e.snapshot().error).toBeUndefined();
  return e;
}

describe("worker-pool lane against a real server", () => {
  it("three workers share one durable consumer: every event delivered once, to one of them, all acked", async () => {
    const pid = newParticipantId();
    engine = await startPool(pid, 3, 900, 600);
    const s = await until((x) => (x.lanes.pool?.metrics.counters.consumerAcked ?? 0) >= 900, engine);
    const pool = s.lanes.pool!;
    await new Promise((r) => setTimeout(r, 500));
    const after = engine.snapshot().lanes.pool!;
    expect(after.metrics.counters.delivered).toBe(900);
    expect(after.metrics.counters.consumerAcked).toBe(900);
    expect(after.metrics.counters.redelivered).toBe(0);
    expect(after.processedTwice).toBe(0);
    expect(pool.workers).toHaveLength(3);
    // The server spread the work: every worker got some, and together exactly the events.
    for (const w of after.workers!) expect(w.delivered).toBeGreaterThan(0);
    expect(after.workers!.reduce((n, w) => n + w.delivered, 0)).toBe(900);

    const nc = await openConnection(connection);
    const jsm = await jetstreamManager(nc);
    const prefix = `LAB_${pid.toUpperCase()}_`;
    expect((await jsm.streams.info(`${prefix}POOL`)).state.messages).toBe(900);
    const ci = await jsm.consumers.info(`${prefix}POOL`, (await jsm.consumers.list(`${prefix}POOL`).next())[0]!.name);
    expect(ci.num_ack_pending).toBe(0);
    expect(ci.num_pending).toBe(0);
    // One consumer on the server, K connections pulling from it.
    expect((await jsm.consumers.list(`${prefix}POOL`).next()).length).toBe(1);
    await nc.close();
  });

  it("adding and removing workers while it runs: the pool grows and shrinks, nothing acked twice, nothing lost", async () => {
    const pid = newParticipantId();
    engine = await startPool(pid, 1, undefined, 300);
    await until((x) => (x.lanes.pool?.metrics.counters.delivered ?? 0) > 100, engine);
    await engine.handle({ type: "fault", lane: "pool", fault: "add-worker" });
    await engine.handle({ type: "fault", lane: "pool", fault: "add-worker" });
    let s = await until((x) => x.lanes.pool?.workers?.length === 3 && x.lanes.pool.workers.every((w) => w.state === "running"), engine);
    const before = s.lanes.pool!.workers!.map((w) => w.delivered);
    await until((x) => x.lanes.pool!.workers!.slice(1).every((w, i) => w.delivered > (before[i + 1] ?? 0) + 20), engine);
    await engine.handle({ type: "fault", lane: "pool", fault: "remove-worker" });
    s = await until((x) => x.lanes.pool?.workers?.length === 2, engine);
    expect(s.lanes.pool!.events.map((e) => e.text).join(" ")).toMatch(/added: 3 share the consumer[\s\S]*removed: 2 share/);
    await engine.handle({ type: "producer", producer: { ratePerSecond: 300, payloadBytes: 64, retryShare: 0, maxEvents: 1 } });
    // Stop producing; every published event ends acked (a removed worker's unacked ones come back after ack wait).
    s = await until(
      (x) => {
        const c = x.lanes.pool!.metrics.counters;
        return c.published > 0 && c.consumerAcked - (x.lanes.pool!.processedTwice ?? 0) === c.published;
      },
      engine,
      20_000,
    );
    expect(s.lanes.pool!.processedTwice).toBe(0);
  });

  it("paused acks: the workers' deliveries come again after ack wait, counted as redelivered", async () => {
    const pid = newParticipantId();
    engine = await startPool(pid, 2, 50, 200, 1_000);
    await engine.handle({ type: "fault", lane: "pool", fault: "pause-acks" });
    await until((x) => (x.lanes.pool?.metrics.counters.delivered ?? 0) >= 50, engine);
    await engine.handle({ type: "fault", lane: "pool", fault: "resume-acks" });
    const s = await until((x) => (x.lanes.pool?.metrics.counters.consumerAcked ?? 0) >= 50, engine);
    expect(s.lanes.pool!.metrics.counters.redelivered).toBeGreaterThan(0);
    expect(s.lanes.pool!.processedTwice).toBe(0);
  });
});
