import type { StateCreator } from "zustand";
import { defaultProducer } from "../../lab/contract/defaults.ts";
import { allLaneSettings, LANE_IDS, modeOf, type LaneId, type LaneSettingsMap } from "../../lab/contract/modes/index.ts";
import { PRESETS } from "../../lab/contract/presets.ts";
import type { ProducerSettings } from "../../lab/contract/producer.ts";
import type { EngineSnapshot, Fault, PublishOneRequest, PublishOneResult } from "../../lab/contract/protocol.ts";
import type { ConnectionSlice } from "../connection/slice.ts";
import type { ParticipantSlice } from "../participant/slice.ts";
import { createLabClient, type LabClient } from "./client.ts";
import { labLive } from "./live.ts";

export interface LabConfig {
  producer: ProducerSettings;
  enabled: Record<LaneId, boolean>;
  settings: LaneSettingsMap;
  presetId: string | null;
}

export interface LabSlice {
  /** What the user set (persisted). */
  labConfig: LabConfig;
  /** Whether the engine's latest snapshot has lanes running (the snapshot itself lives in live.ts, out of this store). */
  labRunning: boolean;
  /** Whether a lane of the running lab gave up reconnecting. */
  labGaveUp: boolean;
  /** Whether the engine has sent anything yet. */
  labStarted: boolean;
  labError: string | null;
  /** "Publish one event": the request waiting for its result, and the last result. */
  labPublishing: number | null;
  labPublished: PublishOneResult | null;
  labStart: () => void;
  labStop: () => void;
  labReset: () => void;
  labFault: (lane: LaneId, fault: Fault) => void;
  labSetProducer: (patch: Partial<ProducerSettings>) => void;
  labSetLane: <Id extends LaneId>(lane: Id, patch: Partial<LaneSettingsMap[Id]>) => void;
  labToggleLane: (lane: LaneId, on: boolean) => void;
  labApplyPreset: (id: string) => void;
  /** One click on the projector: stop what runs, delete the lab's streams, apply the preset and start its story. */
  labPlayPreset: (id: string) => void;
  /**
   * After the lanes' connections gave up: connects the app again if needed, then reopens the lanes
   * (JetStream consumers resume at the server's ack floor, or start over if the server deleted them meanwhile). Also runs by itself when the connection
   * panel's Reconnect brings the app back.
   */
  labResume: () => Promise<void>;
  /** Publishes one typed event through the engine; false (and nothing sent) when not connected. */
  labPublishOne: (request: PublishOneRequest) => boolean;
  /**
   * The page was hidden or shown (visibilitychange): the engine pauses its snapshots while hidden and
   * sends a fresh one when shown. Nothing is sent before the engine has been used.
   */
  labSetVisible: (visible: boolean) => void;
}

export const defaultLabConfig = (): LabConfig => ({
  producer: defaultProducer(),
  enabled: Object.fromEntries(LANE_IDS.map((id) => [id, modeOf(id).onByDefault])) as Record<LaneId, boolean>,
  settings: allLaneSettings(),
  presetId: null,
});

type Deps = ConnectionSlice & ParticipantSlice & LabSlice;

export const createLabSlice =
  (makeClient: (onEvent: Parameters<typeof createLabClient>[0]) => LabClient = createLabClient): StateCreator<Deps, [], [], LabSlice> =>
  (set, get, api) => {
    const client = makeClient((e) => {
      if (e.type === "snapshot") {
        labLive.setState({ snapshot: e.snapshot });
        const next = {
          labRunning: e.snapshot.running,
          labGaveUp: lanesGaveUp(e.snapshot),
          labError: e.snapshot.error ?? null,
          labStarted: true,
        };
        const now = get();
        // Only a change reaches the app store (and its saving): not every snapshot.
        if (now.labRunning !== next.labRunning || now.labGaveUp !== next.labGaveUp || now.labError !== next.labError || !now.labStarted)
          set(next);
      } else if (e.type === "published") {
        if (get().labPublishing === e.result.id) set({ labPublishing: null, labPublished: e.result });
      } else set({ labError: e.message, labPublishing: null }); // no result comes after an engine error
    });
    const config = () => get().labConfig;
    const resume = () => {
      client.send({ type: "configure", connection: get().settings, pid: get().pid });
      client.send({ type: "resume" });
    };
    // Connected again while lanes had given up (Reconnect on the connection panel): resume them.
    api.subscribe((s, prev) => {
      if (s.status.state === "connected" && prev.status.state !== "connected" && s.labGaveUp) resume();
    });
    const patchConfig = (patch: Partial<LabConfig>) => set({ labConfig: { ...config(), ...patch } });
    return {
      labConfig: defaultLabConfig(),
      labRunning: false,
      labGaveUp: false,
      labStarted: false,
      labError: null,
      labPublishing: null,
      labPublished: null,
      labStart: () => {
        const { settings, status } = get();
        if (status.state !== "connected") {
          set({ labError: "Connect to a NATS server first (Connection page)." });
          return;
        }
        const c = config();
        const lanes = LANE_IDS.filter((id) => c.enabled[id]);
        if (lanes.length === 0) {
          set({ labError: "Turn on at least one lane." });
          return;
        }
        set({ labError: null });
        client.send({ type: "configure", connection: settings, pid: get().pid });
        client.send({ type: "start", lanes, producer: c.producer, settings: c.settings });
      },
      labStop: () => client.send({ type: "stop" }),
      labReset: () => {
        client.send({ type: "configure", connection: get().settings, pid: get().pid });
        client.send({ type: "reset" });
      },
      labFault: (lane, fault) => client.send({ type: "fault", lane, fault }),
      labSetProducer: (patch) => {
        const producer = { ...config().producer, ...patch };
        patchConfig({ producer, presetId: null });
        if (get().labRunning) client.send({ type: "producer", producer });
      },
      labSetLane: (lane, patch) =>
        patchConfig({ settings: { ...config().settings, [lane]: { ...config().settings[lane], ...patch } }, presetId: null }),
      labResume: async () => {
        if (get().status.state !== "connected") await get().connect();
        // Connecting has already resumed the lanes (the subscription above); resuming twice is harmless.
        if (get().status.state === "connected") resume();
      },
      labToggleLane: (lane, on) => patchConfig({ enabled: { ...config().enabled, [lane]: on }, presetId: null }),
      labPublishOne: (request) => {
        const { settings, status, pid } = get();
        if (status.state !== "connected") return false;
        set({ labPublishing: request.id });
        client.send({ type: "configure", connection: settings, pid });
        client.send({ type: "publish-one", request });
        return true;
      },
      labSetVisible: (visible) => {
        if (get().labStarted) client.send({ type: "visibility", visible });
      },
      labApplyPreset: (id) => {
        const preset = PRESETS.find((p) => p.id === id);
        if (!preset) return;
        const enabled = Object.fromEntries(LANE_IDS.map((l) => [l, preset.lanes.includes(l)])) as Record<LaneId, boolean>;
        set({ labConfig: { producer: { ...preset.producer }, enabled, settings: structuredClone(preset.settings), presetId: id } });
      },
      labPlayPreset: (id) => {
        get().labApplyPreset(id);
        const { settings, status } = get();
        if (status.state !== "connected") {
          set({ labError: "Connect to a NATS server first (Connection page)." });
          return;
        }
        const c = config();
        set({ labError: null });
        client.send({ type: "configure", connection: settings, pid: get().pid });
        client.send({
          type: "start",
          lanes: LANE_IDS.filter((l) => c.enabled[l]),
          producer: c.producer,
          settings: c.settings,
          fresh: true,
        });
      },
    };
  };

/** Whether any lane of the running lab has given up reconnecting. */
export const lanesGaveUp = (snapshot: EngineSnapshot | null): boolean =>
  Boolean(snapshot?.running && LANE_IDS.some((id) => snapshot.lanes[id]?.state === "gave-up"));
