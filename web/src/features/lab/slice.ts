import type { StateCreator } from "zustand";
import { allLaneSettings, defaultProducer } from "../../lab/defaults.ts";
import type { ProducerSettings } from "../../lab/engine/producer.ts";
import { PRESETS } from "../../lab/presets.ts";
import { LANE_IDS, type EngineSnapshot, type Fault, type LaneId, type LaneSettings } from "../../lab/protocol.ts";
import type { ConnectionSlice } from "../connection/slice.ts";
import type { ParticipantSlice } from "../participant/slice.ts";
import { createLabClient, type LabClient } from "./client.ts";

export interface LabConfig {
  producer: ProducerSettings;
  enabled: Record<LaneId, boolean>;
  settings: Record<LaneId, LaneSettings>;
  presetId: string | null;
}

export interface LabSlice {
  /** What the user set (persisted). */
  labConfig: LabConfig;
  /** The engine's latest snapshot (≤ 10 Hz; not persisted). */
  labSnapshot: EngineSnapshot | null;
  labError: string | null;
  labStart: () => void;
  labStop: () => void;
  labReset: () => void;
  labFault: (lane: LaneId, fault: Fault) => void;
  labSetProducer: (patch: Partial<ProducerSettings>) => void;
  labSetLane: (lane: LaneId, patch: Partial<LaneSettings>) => void;
  labToggleLane: (lane: LaneId, on: boolean) => void;
  labApplyPreset: (id: string) => void;
}

export const defaultLabConfig = (): LabConfig => ({
  producer: defaultProducer(),
  enabled: Object.fromEntries(LANE_IDS.map((id) => [id, true])) as Record<LaneId, boolean>,
  settings: allLaneSettings(),
  presetId: null,
});

type Deps = ConnectionSlice & ParticipantSlice & LabSlice;

export const createLabSlice =
  (makeClient: (onEvent: Parameters<typeof createLabClient>[0]) => LabClient = createLabClient): StateCreator<Deps, [], [], LabSlice> =>
  (set, get) => {
    const client = makeClient((e) => {
      if (e.type === "snapshot") set({ labSnapshot: e.snapshot, labError: e.snapshot.error ?? null });
      else set({ labError: e.message });
    });
    const config = () => get().labConfig;
    const patchConfig = (patch: Partial<LabConfig>) => set({ labConfig: { ...config(), ...patch } });
    return {
      labConfig: defaultLabConfig(),
      labSnapshot: null,
      labError: null,
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
        if (get().labSnapshot?.running) client.send({ type: "producer", producer });
      },
      labSetLane: (lane, patch) =>
        patchConfig({ settings: { ...config().settings, [lane]: { ...config().settings[lane], ...patch } }, presetId: null }),
      labToggleLane: (lane, on) => patchConfig({ enabled: { ...config().enabled, [lane]: on }, presetId: null }),
      labApplyPreset: (id) => {
        const preset = PRESETS.find((p) => p.id === id);
        if (!preset) return;
        const enabled = Object.fromEntries(LANE_IDS.map((l) => [l, preset.lanes.includes(l)])) as Record<LaneId, boolean>;
        set({ labConfig: { producer: { ...preset.producer }, enabled, settings: structuredClone(preset.settings), presetId: id } });
      },
    };
  };
