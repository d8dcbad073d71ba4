import { jetstreamManager } from "@nats-io/jetstream";
import { afterAll, describe, expect, inject, it } from "vitest";
import { allLaneSettings } from "../../../src/lab/contract/defaults.ts";
import { createLabEngine, type LabEngine } from "../../../src/lab/engine/engine.ts";
import type { LaneId } from "../../../src/lab/contract/protocol.ts";
import { openConnection } from "../../../src/nats/connection.ts";
import { newParticipantId } from "../../../src/nats/namespace.ts";
import { defaultSettings } from "../../../src/nats/settings.ts";
import { until } from "../helpers.ts";

// Fault 10: a 30-participant classroom on one server. Each participant is the lab's real engine
// (the code each browser tab runs in its worker), with its own participant id and all four lanes.
// Nobody sees anyone else's messages, streams or consumers, and resetting one participant leaves
// every other one's streams exactly as they were.

const PARTICIPANTS = 30;
const EVENTS = 40;
const LANES: LaneId[] = ["core", "jetstream", "dedupe", "durable"];
const connection = { ...defaultSettings([inject("natsWsUrl")]), reconnectWaitSeconds: 1 };

interface Participant {
  pid: string;
  engine: LabEngine;
}
const room: Participant[] = [];
afterAll(async () => {
  for (const p of room) await p.engine.handle({ type: "reset" });
});

/** Streams on the server, by name, with their message and consumer counts. */
async function serverStreams(): Promise<Map<string, { messages: number; consumers: number }>> {
  const nc = await openConnection(connection, "classroom-observer");
  try {
    const jsm = await jetstreamManager(nc);
    const out = new Map<string, { messages: number; consumers: number }>();
    for await (const si of jsm.streams.list()) out.set(si.config.name, { messages: si.state.messages, consumers: si.state.consumer_count });
    return out;
  } finally {
    await nc.close();
  }
}

describe("fault: 30 participants on one server", () => {
  it("each sees only its own events, streams and consumers; resetting one leaves the others untouched", async () => {
    const random = () => Math.random();
    for (let i = 0; i < PARTICIPANTS; i++) {
      const pid = newParticipantId(random, 8);
      const engine = createLabEngine({ emit: () => undefined, seed: i + 1 });
      await engine.handle({ type: "configure", connection, pid });
      room.push({ pid, engine });
    }
    expect(new Set(room.map((p) => p.pid)).size).toBe(PARTICIPANTS);
    // Everyone starts at once, as a room does when the instructor says "go".
    await Promise.all(
      room.map((p) =>
        p.engine.handle({
          type: "start",
          lanes: LANES,
          producer: { ratePerSecond: 100, payloadBytes: 64, retryShare: 0, maxEvents: EVENTS },
          settings: allLaneSettings(),
        }),
      ),
    );
    for (const p of room) expect(p.engine.snapshot().error, p.pid).toBeUndefined();

    // Every lane of every participant delivers exactly its own EVENTS: a single foreign message would show.
    await until(
      () => room.every((p) => LANES.every((l) => p.engine.snapshot().lanes[l]?.metrics.counters.delivered === EVENTS)),
      60_000,
      100,
    );
    await new Promise((r) => setTimeout(r, 500)); // anything misrouted would have arrived by now
    for (const p of room) {
      const s = p.engine.snapshot();
      for (const l of LANES) expect(s.lanes[l]?.metrics.counters.delivered, `${p.pid} ${l}`).toBe(EVENTS);
      expect(s.lanes.durable?.metrics.counters.redelivered).toBe(0);
    }

    // The server: three streams per participant, named with its id, each with its own consumer.
    const before = await serverStreams();
    for (const p of room) {
      const own = [...before.keys()].filter((name) => name.startsWith(`LAB_${p.pid.toUpperCase()}_`));
      expect(own.sort(), p.pid).toEqual(["DEDUPE", "DURABLE", "JETSTREAM"].map((n) => `LAB_${p.pid.toUpperCase()}_${n}`));
      for (const name of own) expect(before.get(name), name).toEqual({ messages: EVENTS, consumers: 1 });
    }

    // One participant resets: exactly its streams go.
    const [leaver, ...others] = room as [Participant, ...Participant[]];
    await leaver.engine.handle({ type: "reset" });
    const after = await serverStreams();
    expect([...after.keys()].filter((n) => n.startsWith(`LAB_${leaver.pid.toUpperCase()}_`))).toEqual([]);
    for (const p of others) {
      for (const n of ["DEDUPE", "DURABLE", "JETSTREAM"]) {
        const name = `LAB_${p.pid.toUpperCase()}_${n}`;
        expect(after.get(name), name).toEqual(before.get(name));
      }
    }
    for (const [name, v] of before) if (!name.startsWith(`LAB_${leaver.pid.toUpperCase()}_`)) expect(after.get(name), name).toEqual(v);
  });
});
