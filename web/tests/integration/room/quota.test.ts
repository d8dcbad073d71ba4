import { jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/nats-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allLaneSettings } from "../../../src/lab/contract/defaults.ts";
import { createLabEngine, type LabEngine } from "../../../src/lab/engine/engine.ts";
import type { LaneId } from "../../../src/lab/contract/protocol.ts";
import { openConnection, probeJetStream } from "../../../src/nats/connection.ts";
import { explainError, PlaygroundError } from "../../../src/nats/errors.ts";
import { newParticipantId } from "../../../src/nats/namespace.ts";
import { ensureStream } from "../../../src/nats/streams.ts";
import type { SeatGrant } from "../../../src/room/contract.ts";
import { startTestRoom, type TestRoom } from "../../support/room.ts";
import { until } from "../helpers.ts";

// A seat that uses up its own quota (storage, streams, connections, subscriptions) is told which limit
// it hit, in a sentence, and every other seat's lab runs on untouched.

const MiB = 1024 * 1024;
const LANES: LaneId[] = ["core", "jetstream", "dedupe", "durable"];
let t: TestRoom;
let a: SeatGrant;
let b: SeatGrant;
let bLab: LabEngine;
const opened: NatsConnection[] = [];

beforeAll(async () => {
  t = await startTestRoom(4, { seatDiskBytes: 16 * MiB });
  a = await t.join("Greedy");
  b = await t.join("Bystander");
  bLab = createLabEngine({ emit: () => undefined, seed: 3 });
  await bLab.handle({ type: "configure", connection: t.settings(b), pid: newParticipantId() });
  await bLab.handle({
    type: "start",
    lanes: LANES,
    producer: { ratePerSecond: 100, payloadBytes: 64, retryShare: 0 },
    settings: allLaneSettings(),
  });
});

afterAll(async () => {
  await bLab?.handle({ type: "stop" });
  for (const nc of opened) await nc.close().catch(() => undefined);
  await t?.stop();
});

const bDelivered = () => LANES.map((l) => bLab.snapshot().lanes[l]?.metrics.counters.delivered ?? 0);

/** B's every lane delivers more within a few seconds from now. */
async function bKeepsRunning() {
  const before = bDelivered();
  await until(() => bDelivered().every((n, i) => n > (before[i] ?? 0) + 50), 15_000);
  expect(bLab.snapshot().error).toBeUndefined();
  for (const l of LANES) expect(bLab.snapshot().lanes[l]?.state, l).toBe("running");
}

describe("room: a seat's own quota", () => {
  it("the connection page shows the seat's JetStream quota as the server reports it", async () => {
    const nc = await openConnection(t.settings(a), "quota probe");
    const js = await probeJetStream(nc);
    expect(js).toMatchObject({ enabled: true, quota: { diskBytes: 16 * MiB, memoryBytes: 16 * MiB, streams: 32, consumers: 128 } });
    await nc.close();
  });

  it("storage: A's lab fills its 16 MiB and its lanes say the storage quota is full; B's lab runs on", async () => {
    const aLab = createLabEngine({ emit: () => undefined, seed: 5 });
    await aLab.handle({ type: "configure", connection: t.settings(a), pid: newParticipantId() });
    await aLab.handle({
      type: "start",
      lanes: ["jetstream", "dedupe", "durable"],
      producer: { ratePerSecond: 300, payloadBytes: 60 * 1024, retryShare: 0 },
      settings: allLaneSettings(),
    });
    await until(() => (aLab.snapshot().lanes.jetstream?.metrics.counters.publishErrors ?? 0) > 0, 30_000);
    await until(() => /storage is full/.test(aLab.snapshot().lanes.jetstream?.note ?? ""), 10_000);
    expect(aLab.snapshot().lanes.jetstream?.note).toMatch(/quota of disk or memory/);
    await bKeepsRunning();
    await aLab.handle({ type: "reset" });
  });

  it("streams: the 33rd stream is refused with a sentence naming the limit of streams", async () => {
    const nc = await openConnection(t.settings(a), "stream hoarder");
    opened.push(nc);
    const jsm = await jetstreamManager(nc);
    let refused: unknown;
    for (let i = 0; i < 40 && !refused; i++) {
      refused = await ensureStream(jsm, { name: `HOARD_${i}`, subjects: [`hoard.${i}`] }).then(
        () => undefined,
        (e: unknown) => e,
      );
    }
    expect(refused).toBeInstanceOf(PlaygroundError);
    expect((refused as PlaygroundError).kind).toBe("quota");
    expect((refused as Error).message).toMatch(/limit of streams is reached/);
    const names: string[] = [];
    for await (const n of jsm.streams.names()) names.push(n);
    expect(names.length).toBe(32);
    await bKeepsRunning();
  });

  it("the issue's two API calls that stopped every later lab: refused, or confined to the seat that made them", async () => {
    const mallory = await t.join("Mallory");
    const nc = await openConnection(t.settings(mallory), "hoarder");
    const jsm = await jetstreamManager(nc);
    // A stream reserving the whole server's store: more than the seat's quota.
    await expect(
      jsm.streams.add({ name: "HOARD_ALL", subjects: ["hoard.all"], max_bytes: t.room.sizing.server.fileStoreBytes }),
    ).rejects.toThrow(/insufficient|resource|exceed/i);
    // A stream capturing every participant's lab subject: in B's own account it captures B's only.
    await jsm.streams.add({ name: "CAPTURE", subjects: ["lab.*.jetstream.events"] });
    await nc.close();
    // A later participant's lab starts and runs as if nothing happened.
    const late = await t.join("Later");
    const lab = createLabEngine({ emit: () => undefined, seed: 9 });
    await lab.handle({ type: "configure", connection: t.settings(late), pid: newParticipantId() });
    await lab.handle({
      type: "start",
      lanes: LANES,
      producer: { ratePerSecond: 100, payloadBytes: 64, retryShare: 0, maxEvents: 30 },
      settings: allLaneSettings(),
    });
    expect(lab.snapshot().error).toBeUndefined();
    await until(() => LANES.every((l) => lab.snapshot().lanes[l]?.metrics.counters.delivered === 30), 20_000);
    await lab.handle({ type: "reset" });
  });

  it("connections: past its limit a seat is refused with a sentence naming it, not a timeout", async () => {
    let refused: unknown;
    for (let i = 0; i < 40 && !refused; i++) {
      const nc = await openConnection({ ...t.settings(a), maxReconnects: 0 }, `hog ${i}`).catch((e: unknown) => e);
      if (nc instanceof Error) refused = nc;
      else opened.push(nc as NatsConnection);
    }
    expect(refused).toBeInstanceOf(PlaygroundError);
    expect((refused as PlaygroundError).kind).toBe("quota");
    expect((refused as Error).message).toMatch(/another connection: your account already has as many open as it may/);
    // 32 per seat, one of them the stream hoarder's above.
    expect(opened.length).toBe(32);
    await bKeepsRunning();
    // B opens new connections as before.
    const extra = await openConnection(t.settings(b), "bystander's new tab");
    await extra.close();
    for (const nc of opened.splice(0)) await nc.close();
  });

  it("subscriptions: the one past the limit is reported as the limit of subscriptions", async () => {
    const nc = await openConnection(t.settings(a), "subscriber");
    opened.push(nc);
    const errors: unknown[] = [];
    void (async () => {
      for await (const s of nc.status()) if (s.type === "error") errors.push(s.error);
    })();
    for (let i = 0; i < 1005; i++) nc.subscribe(`many.${i}`);
    await nc.flush();
    await until(() => errors.length > 0, 5_000);
    const e = explainError(errors[0]);
    expect(e.kind).toBe("quota");
    expect(e.message).toMatch(/limit of subscriptions/);
    await bKeepsRunning();
  });
});
