// A share of a room's simulated participants, in its own process (the driver forks a few so that one
// Node event loop is not the bottleneck): each joins through the lobby as a browser does, then runs
// the lab's real engine, all four lanes, on its seat's credentials. Reports over IPC.
import { ensureWebSocket } from "../lib/websocket.ts";
import { allLaneSettings } from "../../web/src/lab/contract/defaults.ts";
import { createLabEngine, type LabEngine } from "../../web/src/lab/engine/engine.ts";
import { LANE_IDS, modeOf } from "../../web/src/lab/contract/modes/index.ts";
import { joinRoom } from "../../web/src/nats/lobby.ts";
import { defaultSettings } from "../../web/src/nats/settings.ts";
import type { JoinInfo } from "../../web/src/room/contract.ts";

export interface ParticipantsTask {
  info: JoinInfo;
  servers: string[];
  names: string[];
  ratePerSecond: number;
}

export type ParticipantsReport =
  | { type: "joined"; joinMs: number[]; failed: string[] }
  | { type: "running"; failed: string[] }
  | { type: "counts"; published: number; delivered: number; publishErrors: number; lanesNotRunning: number; notes: string[] }
  | { type: "stopped" };

const send = (r: ParticipantsReport) => process.send?.(r);
ensureWebSocket();
const labs: LabEngine[] = [];

process.on("message", (msg: { type: "join"; task: ParticipantsTask } | { type: "start" } | { type: "count" } | { type: "stop" }) => {
  void (async () => {
    if (msg.type === "join") {
      const { info, servers, names } = msg.task;
      const joinMs: number[] = [];
      const failed: string[] = [];
      await Promise.all(
        names.map(async (name) => {
          const t0 = performance.now();
          try {
            const grant = await joinRoom(info, servers, name);
            joinMs.push(performance.now() - t0);
            const lab = createLabEngine({ emit: () => undefined, seed: labs.length + 1 });
            await lab.handle({
              type: "configure",
              connection: { ...defaultSettings(servers), creds: grant.creds, authFor: servers, reconnectWaitSeconds: 1 },
              pid: "bench",
            });
            labs.push(lab);
          } catch (err) {
            failed.push(`${name}: ${(err as Error).message}`);
          }
        }),
      );
      (globalThis as { rate?: number }).rate = msg.task.ratePerSecond;
      send({ type: "joined", joinMs, failed });
    } else if (msg.type === "start") {
      const rate = (globalThis as { rate?: number }).rate ?? 5;
      const failed: string[] = [];
      // Not all at once: a room starts its labs over a few seconds, not in one millisecond.
      for (const lab of labs) {
        await lab.handle({
          type: "start",
          // The lanes a fresh lab runs (the worker pool is a preset's story, not every participant's).
          lanes: LANE_IDS.filter((id) => modeOf(id).onByDefault),
          producer: { ratePerSecond: rate, payloadBytes: 128, retryShare: 0.1 },
          settings: allLaneSettings(),
        });
        const err = lab.snapshot().error;
        if (err) failed.push(err);
      }
      send({ type: "running", failed });
    } else if (msg.type === "count") {
      let published = 0;
      let delivered = 0;
      let publishErrors = 0;
      let lanesNotRunning = 0;
      const notes = new Set<string>();
      for (const lab of labs) {
        const s = lab.snapshot();
        published += s.producer.sent;
        for (const lane of Object.values(s.lanes)) {
          if (!lane) continue;
          delivered += lane.metrics.counters.delivered;
          publishErrors += lane.metrics.counters.publishErrors;
          if (lane.state !== "running") lanesNotRunning++;
          if (lane.note) notes.add(lane.note);
        }
      }
      send({ type: "counts", published, delivered, publishErrors, lanesNotRunning, notes: [...notes].slice(0, 5) });
    } else if (msg.type === "stop") {
      await Promise.all(labs.map((l) => l.handle({ type: "stop" })));
      send({ type: "stopped" });
      process.exit(0);
    }
  })();
});
