import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/nats-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allLaneSettings } from "../../../src/lab/contract/defaults.ts";
import { createLabEngine, type LabEngine } from "../../../src/lab/engine/engine.ts";
import type { LaneId } from "../../../src/lab/contract/protocol.ts";
import { openConnection } from "../../../src/nats/connection.ts";
import { ACCOUNT_CONNZ, ROOM_SEAT_CONNZ, serverConnection } from "../../../src/nats/exercise-checks.ts";
import { newParticipantId } from "../../../src/nats/namespace.ts";
import type { SeatGrant } from "../../../src/room/contract.ts";
import { startTestRoom, type TestRoom } from "../../support/room.ts";
import { until } from "../helpers.ts";

// Seat B attacks seat A on the room's server, with its own seat's credentials, the way the issue's
// second participant did on the shared server: every attempt must be refused or see nothing, and A's
// lab must not notice. The server does the refusing: both seats use the same names.

const LANES: LaneId[] = ["core", "jetstream", "dedupe", "durable"];
let t: TestRoom;
let a: SeatGrant;
let b: SeatGrant;
let engine: LabEngine;
let aConn: NatsConnection;
let bConn: NatsConnection;
const aPid = newParticipantId();

beforeAll(async () => {
  t = await startTestRoom(3);
  a = await t.join("Ana");
  b = await t.join("Bo");
  engine = createLabEngine({ emit: () => undefined, seed: 7 });
  await engine.handle({ type: "configure", connection: t.settings(a), pid: aPid });
  await engine.handle({
    type: "start",
    lanes: LANES,
    producer: { ratePerSecond: 200, payloadBytes: 64, retryShare: 0.1 },
    settings: allLaneSettings(),
  });
  expect(engine.snapshot().error).toBeUndefined();
  aConn = await openConnection(t.settings(a), "seat A observer");
  bConn = await openConnection(t.settings(b), "seat B attacker");
});

afterAll(async () => {
  await engine?.handle({ type: "stop" });
  await aConn?.close();
  await bConn?.close();
  await t?.stop();
});

const delivered = () => LANES.map((l) => engine.snapshot().lanes[l]?.metrics.counters.delivered ?? 0);

async function aStreams() {
  const jsm = await jetstreamManager(aConn);
  const out = new Map<string, number>();
  for await (const si of jsm.streams.list()) out.set(si.config.name, si.state.messages);
  return out;
}

describe("room: one seat cannot see or touch another", () => {
  it("B subscribed to > for 5 s receives none of A's messages while A's lab runs", async () => {
    await until(() => delivered().every((n) => n > 50), 20_000);
    const got: string[] = [];
    const sub = bConn.subscribe(">", { callback: (_e, m) => void got.push(m.subject) });
    const before = delivered();
    await new Promise((r) => setTimeout(r, 5_000));
    sub.unsubscribe();
    const during = delivered().map((n, i) => n - (before[i] ?? 0));
    // A's lab really ran meanwhile: hundreds of deliveries per lane.
    for (const n of during) expect(n).toBeGreaterThan(300);
    expect(got).toEqual([]);
  });

  it("B's stream list shows none of A's; info, purge and delete of A's stream names fail", async () => {
    const mine = await aStreams();
    expect([...mine.keys()].sort()).toEqual(["DEDUPE", "DURABLE", "JETSTREAM"].map((n) => `LAB_${aPid.toUpperCase()}_${n}`));
    const jsm = await jetstreamManager(bConn);
    const seen: string[] = [];
    for await (const name of jsm.streams.names()) seen.push(name);
    expect(seen).toEqual([]);
    for (const name of mine.keys()) {
      await expect(jsm.streams.info(name)).rejects.toThrow(/stream not found/);
      await expect(jsm.streams.purge(name)).rejects.toThrow(/stream not found/);
      await expect(jsm.streams.delete(name)).rejects.toThrow(/stream not found/);
    }
    // A's streams are all still there and still growing.
    const later = await aStreams();
    for (const [name, messages] of mine) expect(later.get(name), name).toBeGreaterThanOrEqual(messages);
  });

  it("B can neither read A's consumers nor take A's deliveries", async () => {
    const ajsm = await jetstreamManager(aConn);
    const stream = `LAB_${aPid.toUpperCase()}_DURABLE`;
    const [durable] = await ajsm.consumers.list(stream).next();
    expect(durable?.name).toBeTruthy();
    const name = durable!.name;
    const bjsm = await jetstreamManager(bConn);
    await expect(bjsm.consumers.info(stream, name)).rejects.toThrow(/stream not found/);
    await expect(jetstream(bConn).consumers.get(stream, name)).rejects.toThrow(/stream not found/);
    // A raw pull request for A's consumer, as a client that knows the API would send it.
    const next = `$JS.API.CONSUMER.MSG.NEXT.${stream}.${name}`;
    await expect(bConn.request(next, JSON.stringify({ batch: 10, no_wait: true }), { timeout: 2_000 })).rejects.toThrow(
      /no responders|timeout|503/i,
    );
    // A creating a consumer on B's side of the same name creates it in B's own account only.
    await expect(bjsm.consumers.add(stream, { durable_name: name })).rejects.toThrow(/stream not found/);
  });

  it("B publishing into A's subjects (forged events, A's next message IDs) reaches nothing of A's", async () => {
    const before = await aStreams();
    const js = jetstream(bConn);
    for (const lane of ["jetstream", "dedupe", "durable"]) {
      const subject = `lab.${aPid}.${lane}.events`;
      bConn.publish(subject, JSON.stringify({ id: "forged", account: "mallory", amount: 1e6 }));
      // With the dedupe lane's next IDs: in A's account these would be rejected genuine events.
      for (let i = 0; i < 20; i++) {
        await expect(js.publish(subject, "x", { msgID: `evt-${i}`, timeout: 1_000 })).rejects.toThrow(
          /no responders|no stream|not enabled/i,
        );
      }
    }
    await bConn.flush();
    const jsm = await jetstreamManager(bConn);
    const none: string[] = [];
    for await (const n of jsm.streams.names()) none.push(n);
    expect(none).toEqual([]);
    // A's dedupe lane rejected only its own retries: none of B's forged IDs counted as duplicates there.
    const after = await aStreams();
    for (const [name, messages] of before) expect(after.get(name), name).toBeGreaterThanOrEqual(messages);
    const snap = engine.snapshot().lanes;
    expect(snap.dedupe?.metrics.counters.delivered).toBeGreaterThan(0);
    expect(engine.snapshot().error).toBeUndefined();
  });

  it("a seat reaches no system subject and no other account's JetStream API", async () => {
    await expect(bConn.request("$SYS.REQ.SERVER.PING", undefined, { timeout: 1_000 })).rejects.toThrow(/no responders|timeout/i);
    await expect(bConn.request(`$SYS.REQ.ACCOUNT.${"A".repeat(56)}.CONNZ`, undefined, { timeout: 1_000 })).rejects.toThrow(
      /no responders|timeout/i,
    );
  });

  it("a seat's checks see the seat's own connections (room.connz), no other seat's; the server's connz with a cid is refused", async () => {
    // Exercise checks read the participant's connection (subscriptions, queue groups) this way.
    const code = await openConnection({ ...t.settings(b), creds: b.codeCreds }, "seat B participant code");
    try {
      code.subscribe(`ex.${aPid}.work`, { queue: "tx-workers", callback: () => undefined });
      await code.flush();
      const seen = await serverConnection(bConn, code.info?.client_id as number);
      expect(seen?.name).toBe("seat B participant code");
      expect(seen?.subscriptions).toContainEqual({ subject: `ex.${aPid}.work`, queue: "tx-workers", msgs: 0 });
      // A's observer is on the same server, in A's account: B's view never shows it…
      expect(await serverConnection(bConn, aConn.info?.client_id as number)).toBeNull();
      // …even when B asks the launcher with A's cid in the request: the launcher writes its own request.
      const viaRoom = await bConn.request(ROOM_SEAT_CONNZ, JSON.stringify({ cid: aConn.info?.client_id }), { timeout: 5_000 });
      const names = (viaRoom.json<{ data?: { connections?: { name?: string }[] } }>().data?.connections ?? []).map((c) => c.name);
      expect(names).toContain("seat B attacker");
      expect(names).not.toContain("seat A observer");
      // Asking the server directly with A's cid would show A's connection on 2.9: both seat users are refused.
      for (const nc of [bConn, code]) {
        await expect(nc.request(ACCOUNT_CONNZ, JSON.stringify({ cid: aConn.info?.client_id }), { timeout: 1_000 })).rejects.toThrow(
          /permission|timeout/i,
        );
      }
    } finally {
      await code.close();
    }
  });
});
