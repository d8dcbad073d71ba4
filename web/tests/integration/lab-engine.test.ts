import { afterEach, describe, expect, inject, it } from "vitest";
import { jetstreamManager } from "@nats-io/jetstream";
import { openConnection } from "../../src/nats/connection.ts";
import { defaultSettings } from "../../src/nats/settings.ts";
import { newParticipantId } from "../../src/nats/namespace.ts";
import { createLabEngine, type LabEngine } from "../../src/lab/engine/engine.ts";
import { allLaneSettings } from "../../src/lab/contract/defaults.ts";
import type { EngineSnapshot, LaneId } from "../../src/lab/contract/protocol.ts";

const connection = { ...defaultSettings([inject("natsWsUrl")]), reconnectWaitSeconds: 1 };
const ALL: LaneId[] = ["core", "jetstream", "dedupe", "durable"];
/** The JetStream lane's consumer keeps the server's default ack wait. */
const ACK_WAIT_MS = 30_000;
let engine: LabEngine | undefined;
afterEach(async () => {
  await engine?.handle({ type: "reset" });
  engine = undefined;
});

async function untilSnapshot(pred: (s: EngineSnapshot) => boolean, e: LabEngine, ms = 30_000): Promise<EngineSnapshot> {
  const deadline = Date.now() + ms;
  for (;;) {
    const s = e.snapshot();
    if (pred(s)) return s;
    if (Date.now() > deadline) {
      const lanes = Object.fromEntries(
        Object.entries(s.lanes).map(([id, l]) => [id, { state: l.state, note: l.note, ...l.metrics.counters }]),
      );
      throw new Error(`not reached in ${ms} ms: ${JSON.stringify({ producer: s.producer, error: s.error, lanes })}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const counters = (s: EngineSnapshot, id: LaneId) => {
  const lane = s.lanes[id];
  if (!lane) throw new Error(`lane ${id} missing`);
  return lane.metrics.counters;
};

async function started(pid: string, lanes: LaneId[], events: number, retryShare: number): Promise<LabEngine> {
  const e = createLabEngine({ emit: () => undefined, seed: 7 });
  await e.handle({ type: "configure", connection, pid });
  await e.handle({
    type: "start",
    lanes,
    producer: { ratePerSecond: 2_000, payloadBytes: 64, retryShare, maxEvents: events },
    settings: allLaneSettings(),
  });
  expect(e.snapshot().error).toBeUndefined();
  return e;
}

describe("lab engine against a real server", () => {
  it("one producer, four lanes: dedupe rejects exactly the retries and stores what the server counts", async () => {
    const pid = newParticipantId();
    engine = await started(pid, ALL, 1_000, 0.1);
    const e = engine;
    const done = await untilSnapshot(
      (s) =>
        s.producer.done &&
        ALL.every((id) => counters(s, id).delivered >= counters(s, "dedupe").stored && counters(s, id).published === 1_000),
      e,
    );
    const retries = done.producer.retries;
    expect(retries).toBeGreaterThan(50);
    const s = await untilSnapshot(
      (x) => counters(x, "dedupe").acked === 1_000 && counters(x, "jetstream").acked === 1_000 && counters(x, "core").delivered === 1_000,
      e,
    );
    expect(counters(s, "dedupe").duplicatesRejected).toBe(retries);
    expect(counters(s, "dedupe").stored).toBe(1_000 - retries);
    expect(counters(s, "jetstream").duplicatesRejected).toBe(0);
    expect(counters(s, "jetstream").stored).toBe(1_000);

    const nc = await openConnection(connection);
    const jsm = await jetstreamManager(nc);
    const prefix = `LAB_${pid.toUpperCase()}_`;
    expect((await jsm.streams.info(`${prefix}DEDUPE`)).state.messages).toBe(1_000 - retries);
    expect((await jsm.streams.info(`${prefix}JETSTREAM`)).state.messages).toBe(1_000);
    await nc.close();
    // Every lane delivers what its mode stored: all of it for core/JetStream, unique events for dedupe.
    const fin = await untilSnapshot(
      (x) =>
        counters(x, "dedupe").delivered === 1_000 - retries &&
        counters(x, "jetstream").delivered === 1_000 &&
        counters(x, "durable").delivered >= 1_000,
      e,
    );
    expect(counters(fin, "dedupe").redelivered).toBe(0);
  });

  it("consumers stopped while N events go out: core loses N, JetStream and durable deliver all N", async () => {
    engine = await started(newParticipantId(), ALL, 200, 0);
    const e = engine;
    await untilSnapshot((s) => s.producer.done && ALL.every((id) => counters(s, id).delivered === 200), e);
    for (const lane of ALL) await e.handle({ type: "fault", lane, fault: "stop-consumer" });
    await e.handle({ type: "producer", producer: { ratePerSecond: 2_000, payloadBytes: 64, retryShare: 0, maxEvents: 150 } });
    await untilSnapshot((s) => s.producer.done && ALL.every((id) => counters(s, id).published === 350), e);
    // Give the server a moment: nothing more may arrive while the consumers are stopped.
    await new Promise((r) => setTimeout(r, 300));
    expect(ALL.map((id) => counters(e.snapshot(), id).delivered)).toEqual([200, 200, 200, 200]);
    for (const lane of ALL) await e.handle({ type: "fault", lane, fault: "start-consumer" });
    const s = await untilSnapshot((x) => ["jetstream", "dedupe", "durable"].every((id) => counters(x, id as LaneId).delivered === 350), e);
    expect(counters(s, "core").delivered).toBe(200);
    expect(counters(s, "core").lost).toBe(150);
    expect(counters(s, "dedupe").redelivered).toBe(0);
    expect(s.lanes.core?.state).toBe("running");
  });

  it("cutting one lane's connection: it reconnects, the others never stop", async () => {
    engine = await started(newParticipantId(), ALL, 3_000, 0);
    const e = engine;
    await untilSnapshot((s) => counters(s, "jetstream").delivered > 200, e);
    const before = e.snapshot();
    await e.handle({ type: "fault", lane: "jetstream", fault: "cut-connection" });
    const fin = await untilSnapshot(
      (x) => x.producer.done && ["core", "dedupe", "durable"].every((id) => counters(x, id as LaneId).delivered === 3_000),
      e,
    );
    // The other lanes lost nothing and never failed a publish.
    for (const id of ["core", "dedupe", "durable"] as const) expect(counters(fin, id).publishErrors).toBe(0);
    // The cut lane reconnected by itself and went on publishing and consuming after the cut. Publishes
    // whose PubAck was in flight during the cut time out: their outcome is unknown (maybe stored).
    const js = await untilSnapshot(
      (x) => x.lanes.jetstream?.state === "running" && counters(x, "jetstream").acked > counters(before, "jetstream").acked + 500,
      e,
    );
    expect(counters(js, "jetstream").acked + counters(js, "jetstream").publishErrors).toBe(3_000);
    expect(counters(js, "jetstream").delivered).toBeGreaterThan(counters(before, "jetstream").delivered);
    // Everything the server stored, unknown publishes included, reaches the consumer and is acked:
    // the server's own ack floor reaches the stream's last message. Deliveries that were in flight
    // when the connection was cut come again only after the consumer's ack wait (30 s, counted as
    // redeliveries): at least once, so wait past it.
    const done = await untilSnapshot(
      (x) => {
        const stream = x.lanes.jetstream?.streamInfo;
        const consumer = x.lanes.jetstream?.consumerInfo;
        if (!stream || !consumer || stream.messages < counters(js, "jetstream").acked) return false;
        return consumer.ackFloorStreamSeq === stream.lastSeq && consumer.ackPending === 0 && consumer.pending === 0;
      },
      e,
      ACK_WAIT_MS + 20_000,
    );
    expect(done.lanes.jetstream?.streamInfo?.messages).toBeGreaterThanOrEqual(counters(js, "jetstream").acked);
    expect(counters(done, "jetstream").delivered - counters(done, "jetstream").redelivered).toBeLessThanOrEqual(
      done.lanes.jetstream?.streamInfo?.messages ?? 0,
    );
  }, 150_000);
});
