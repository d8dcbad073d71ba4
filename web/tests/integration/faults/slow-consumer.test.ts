import { afterEach, describe, expect, it } from "vitest";
import { startNats, type NatsServer } from "../../../../scripts/nats/launcher.ts";
import { allLaneSettings } from "../../../src/lab/contract/defaults.ts";
import { createLabEngine, type LabEngine } from "../../../src/lab/engine/engine.ts";
import { SLOW_PENDING } from "../../../src/lab/engine/slow.ts";
import type { EngineSnapshot, LaneId, LaneView } from "../../../src/lab/contract/protocol.ts";
import { newParticipantId } from "../../../src/nats/namespace.ts";
import { defaultSettings } from "../../../src/nats/settings.ts";
import { until } from "../helpers.ts";

// Fault 6 in the lab engine against a real server (its own, so its slow-consumer count is ours):
// for 5 s each message waits 10 ms in the handler. The core subscription's backlog grows in the
// client until nats-core's threshold trips; the lane says so, works it off and loses nothing. The
// JetStream lane's pull consumer only gets what it asked for: its backlog waits in the stream.

const EVENTS = 10_000;
const RATE = 1_000;

let server: NatsServer | undefined;
let engine: LabEngine | undefined;
afterEach(async () => {
  await engine?.handle({ type: "reset" });
  engine = undefined;
  await server?.stop();
  server = undefined;
});

const slowConsumers = async (s: NatsServer) =>
  ((await (await fetch(`${s.monitorUrl}/varz`)).json()) as { slow_consumers: number }).slow_consumers;

const lane = (s: EngineSnapshot, id: LaneId): LaneView => {
  const l = s.lanes[id];
  if (!l) throw new Error(`lane ${id} missing`);
  return l;
};

describe("fault 6: a slow consumer", () => {
  it("the client flags the core backlog, the lanes work it off, nothing is lost or missing", async () => {
    server = await startNats();
    const s = server;
    const e = createLabEngine({ emit: () => undefined, seed: 11 });
    engine = e;
    await e.handle({ type: "configure", connection: { ...defaultSettings([s.wsUrl]), reconnectWaitSeconds: 1 }, pid: newParticipantId() });
    await e.handle({
      type: "start",
      lanes: ["core", "jetstream"],
      producer: { ratePerSecond: RATE, payloadBytes: 256, retryShare: 0, maxEvents: EVENTS },
      settings: allLaneSettings(),
    });
    expect(e.snapshot().error).toBeUndefined();
    await until(() => lane(e.snapshot(), "core").metrics.counters.delivered > 1_000);

    await e.handle({ type: "fault", lane: "core", fault: "slow-consumer" });
    await e.handle({ type: "fault", lane: "jetstream", fault: "slow-consumer" });
    let maxWaiting = 0;
    let jsPendingMax = 0;
    const phases = new Set<string>();
    await until(() => {
      const snap = e.snapshot();
      const core = lane(snap, "core");
      if (core.slowConsumer) phases.add(core.slowConsumer);
      const waiting = /([\d,]+) messages waiting in the client/.exec(core.note ?? "");
      if (waiting) maxWaiting = Math.max(maxWaiting, Number((waiting[1] ?? "").replace(/,/g, "")));
      jsPendingMax = Math.max(jsPendingMax, lane(snap, "jetstream").consumerInfo?.pending ?? 0);
      return phases.has("slow") && core.slowConsumer === undefined;
    }, 60_000);
    const core = lane(e.snapshot(), "core");
    // The client library's threshold tripped, and the lane showed the backlog well above it.
    expect(core.events.map((ev) => ev.text).some((t) => t.startsWith("Slow consumer: the client library flagged"))).toBe(true);
    expect(maxWaiting).toBeGreaterThan(SLOW_PENDING);
    expect(core.note).toMatch(/^Slow consumer caught up: up to [\d,]+ messages waited in the client; none was lost\.$/);
    // The pull consumer's backlog waited on the server, in the stream.
    expect(jsPendingMax).toBeGreaterThan(SLOW_PENDING);
    // The browser (here: Node) kept reading the socket: the server saw no slow consumer.
    expect(await slowConsumers(s)).toBe(0);

    // Every event accounted for: core delivered all of them; JetStream stored and delivered each once.
    await until(() => {
      const snap = e.snapshot();
      const c = lane(snap, "core").metrics.counters;
      const js = lane(snap, "jetstream").metrics.counters;
      return snap.producer.done && c.delivered === EVENTS && js.delivered - js.redelivered === EVENTS && js.stored === EVENTS;
    }, 60_000);
    const snap = e.snapshot();
    const c = lane(snap, "core").metrics.counters;
    const js = lane(snap, "jetstream");
    expect(c.published).toBe(EVENTS);
    expect(c.lost).toBe(0);
    expect(js.metrics.counters.published).toBe(EVENTS);
    expect(js.metrics.counters.publishErrors).toBe(0);
    expect(lane(snap, "core").state).toBe("running");
    console.log(
      `slow consumer: core max waiting ${maxWaiting}, delivered ${c.delivered}, lost ${c.lost}; jetstream max pending ${jsPendingMax}, delivered ${js.metrics.counters.delivered}, redelivered ${js.metrics.counters.redelivered}`,
    );
  }, 150_000);
});
