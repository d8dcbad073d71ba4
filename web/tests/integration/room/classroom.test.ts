import { jetstreamManager } from "@nats-io/jetstream";
import { afterAll, describe, expect, it } from "vitest";
import { allLaneSettings } from "../../../src/lab/contract/defaults.ts";
import { createLabEngine, type LabEngine } from "../../../src/lab/engine/engine.ts";
import type { LaneId } from "../../../src/lab/contract/protocol.ts";
import { openConnection } from "../../../src/nats/connection.ts";
import { roomSeats } from "../../../src/nats/lobby.ts";
import { newParticipantId } from "../../../src/nats/namespace.ts";
import type { SeatGrant } from "../../../src/room/contract.ts";
import { startTestRoom, type TestRoom } from "../../support/room.ts";
import { until } from "../helpers.ts";

// Thirty participants join the room at the same moment (the instructor said "go"), each runs the
// lab's real engine with all four lanes on its seat's credentials: thirty distinct seats, every lab
// delivers exactly its own events, and the seat table says who sits where.

const PARTICIPANTS = 30;
const EVENTS = 40;
const LANES: LaneId[] = ["core", "jetstream", "dedupe", "durable"];
let t: TestRoom | undefined;
const labs: LabEngine[] = [];
afterAll(async () => {
  for (const lab of labs) await lab.handle({ type: "stop" });
  await t?.stop();
});

describe("room: 30 participants join at once", () => {
  it("get 30 distinct seats, every lab runs on its own account, and the seat table agrees", async () => {
    t = await startTestRoom(PARTICIPANTS);
    const room = t;
    const names = Array.from({ length: PARTICIPANTS }, (_, i) => `Participant ${i + 1}`);
    const started = Date.now();
    const grants: SeatGrant[] = await Promise.all(names.map((n) => room.join(n)));
    const joinMs = Date.now() - started;
    expect(new Set(grants.map((g) => g.seat)).size).toBe(PARTICIPANTS);
    expect(new Set(grants.map((g) => g.creds)).size).toBe(PARTICIPANTS);
    console.log(`[classroom] ${PARTICIPANTS} joins at once took ${joinMs} ms`);

    const table = await roomSeats(room.info, room.servers);
    expect(table.taken).toBe(PARTICIPANTS);
    const bySeat = new Map(table.seats.map((s) => [s.seat, s.name]));
    for (const g of grants) expect(bySeat.get(g.seat), g.seat).toBe(g.name);

    // Every participant uses the same participant id: only the accounts keep them apart.
    const pid = newParticipantId();
    for (const g of grants) {
      const lab = createLabEngine({ emit: () => undefined, seed: labs.length + 1 });
      await lab.handle({ type: "configure", connection: room.settings(g), pid });
      labs.push(lab);
    }
    await Promise.all(
      labs.map((lab) =>
        lab.handle({
          type: "start",
          lanes: LANES,
          producer: { ratePerSecond: 100, payloadBytes: 64, retryShare: 0, maxEvents: EVENTS },
          settings: allLaneSettings(),
        }),
      ),
    );
    for (const lab of labs) expect(lab.snapshot().error).toBeUndefined();
    await until(() => labs.every((lab) => LANES.every((l) => lab.snapshot().lanes[l]?.metrics.counters.delivered === EVENTS)), 60_000, 100);
    await new Promise((r) => setTimeout(r, 500)); // anything misrouted would have arrived by now
    for (const lab of labs) for (const l of LANES) expect(lab.snapshot().lanes[l]?.metrics.counters.delivered).toBe(EVENTS);

    // Each seat's account holds exactly its own three streams of EVENTS messages, under the same names.
    for (const g of grants.slice(0, 5)) {
      const nc = await openConnection(room.settings(g), "observer");
      const jsm = await jetstreamManager(nc);
      const streams: [string, number][] = [];
      for await (const si of jsm.streams.list()) streams.push([si.config.name, si.state.messages]);
      expect(streams.sort()).toEqual(["DEDUPE", "DURABLE", "JETSTREAM"].map((n) => [`LAB_${pid.toUpperCase()}_${n}`, EVENTS]));
      await nc.close();
    }
    const online = await roomSeats(room.info, room.servers);
    for (const s of online.seats) expect(s.online, s.seat).toBeGreaterThanOrEqual(8);
  });
});
