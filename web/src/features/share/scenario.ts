// A lab scenario read from a link is untrusted: it is merged over today's defaults the way the store
// merges saved lab settings (a field added later gets its default), then every value is checked as
// the lab's own fields check it. Nothing that fails is applied.
import {
  defaultSettingsOf,
  fieldsOf,
  LANE_IDS,
  laneTitle,
  modeOf,
  readLaneSettings,
  sameLaneSettings,
  type LaneId,
  type LaneSettingsMap,
} from "../../lab/contract/modes/index.ts";
import { PRESETS } from "../../lab/contract/presets.ts";
import { producerProblems, type ProducerSettings } from "../../lab/contract/producer.ts";
import { percent } from "../lab/format.ts";
import { defaultLabConfig, type LabConfig } from "../lab/slice.ts";

/** What a scenario link carries of the lab's settings (the preset travels beside it). */
export type SharedLabConfig = Omit<LabConfig, "presetId">;

export { MAX_DURATION_MS } from "../../lab/contract/modes/index.ts";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
/** Only the keys the lab knows, taken as own properties (nothing from a prototype, "__proto__" included). */
const own = (v: unknown, key: string): unknown => (isRecord(v) && Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined);

const PRODUCER_KEYS = ["ratePerSecond", "payloadBytes", "retryShare", "maxEvents"] as const;

export type ScenarioCheck = { ok: true; config: SharedLabConfig } | { ok: false; problems: string[] };

/** The lab settings in `value`, over the defaults; or every reason they cannot be used. */
export function checkSharedLabConfig(value: unknown): ScenarioCheck {
  if (!isRecord(value)) return { ok: false, problems: ["It carries no lab settings."] };
  const base = defaultLabConfig();
  const problems: string[] = [];

  const producer: ProducerSettings = { ...base.producer };
  for (const key of PRODUCER_KEYS) {
    const v = own(value.producer, key);
    if (v === undefined || (key === "maxEvents" && v === null)) continue;
    if (typeof v !== "number" || !Number.isFinite(v)) problems.push(`Producer: “${key}” is not a number.`);
    else producer[key] = v;
  }
  if (producer.maxEvents !== undefined && producer.maxEvents > Number.MAX_SAFE_INTEGER) problems.push("The number of events is too large.");
  problems.push(...Object.values(producerProblems(producer)));

  const enabled = { ...base.enabled };
  const settings = {} as Record<LaneId, unknown>;
  for (const lane of LANE_IDS) {
    const on = own(value.enabled, lane);
    if (on !== undefined) {
      if (typeof on === "boolean") enabled[lane] = on;
      else problems.push(`${laneTitle(lane)}: “on” is not true or false.`);
    }
    const read = readLaneSettings(lane, own(value.settings, lane));
    problems.push(...read.problems);
    settings[lane] = read.settings;
  }
  const config = { producer, enabled, settings: settings as LaneSettingsMap };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config };
}

/** The settings a preset gives, in the shape a link carries. */
export function presetConfig(id: string): SharedLabConfig | null {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) return null;
  const enabled = Object.fromEntries(LANE_IDS.map((l) => [l, preset.lanes.includes(l)])) as Record<LaneId, boolean>;
  return { producer: { ...preset.producer }, enabled, settings: structuredClone(preset.settings) };
}

const sameProducer = (a: ProducerSettings, b: ProducerSettings) => PRODUCER_KEYS.every((k) => a[k] === b[k]);

/** Whether two configurations would run the same lab. */
export function sameConfig(a: SharedLabConfig, b: SharedLabConfig): boolean {
  return (
    sameProducer(a.producer, b.producer) &&
    LANE_IDS.every((l) => a.enabled[l] === b.enabled[l] && sameLaneSettings(l, a.settings[l], b.settings[l]))
  );
}

/** One sentence-part per thing the scenario sets: "preset …", "rate 200/s", "lanes …", a lane's settings. */
export function describeScenario(preset: string | undefined, config: SharedLabConfig): string[] {
  const parts: string[] = [];
  const p = preset ? PRESETS.find((x) => x.id === preset) : undefined;
  const presetSettings = preset ? presetConfig(preset) : null;
  if (p) parts.push(`preset “${p.title}”${presetSettings && !sameConfig(presetSettings, config) ? " with changes" : ""}`);
  else parts.push("custom settings");
  const { ratePerSecond, payloadBytes, retryShare, maxEvents } = config.producer;
  parts.push(
    `rate ${ratePerSecond.toLocaleString("en-US")}/s`,
    `payload ${payloadBytes.toLocaleString("en-US")} B`,
    `retries ${percent(retryShare)} %`,
  );
  parts.push(maxEvents === undefined ? "until stopped" : `${maxEvents.toLocaleString("en-US")} events`);
  const on = LANE_IDS.filter((l) => config.enabled[l]);
  parts.push(on.length === 0 ? "no lane on" : `lanes: ${on.map(laneTitle).join(", ")}`);
  for (const lane of on) {
    if (fieldsOf(lane).length === 0 || sameLaneSettings(lane, config.settings[lane], defaultSettingsOf(lane))) continue;
    parts.push(`${laneTitle(lane)}: ${modeOf(lane).summary(config.settings[lane])}`);
  }
  return parts;
}

/** The lab slice's actions a scenario is applied with. */
export interface LabActions {
  labApplyPreset: (id: string) => void;
  labSetProducer: (patch: Partial<ProducerSettings>) => void;
  labToggleLane: (lane: LaneId, on: boolean) => void;
  labSetLane: <Id extends LaneId>(lane: Id, patch: Partial<LaneSettingsMap[Id]>) => void;
}

/**
 * Applies a checked scenario through the lab's own actions: the preset alone when the settings are
 * exactly the preset's (its story shows), otherwise every value (the lab then shows "Custom settings").
 */
export function applyScenario(lab: LabActions, preset: string | undefined, config: SharedLabConfig): void {
  const presetSettings = preset ? presetConfig(preset) : null;
  if (preset && presetSettings) {
    lab.labApplyPreset(preset);
    if (sameConfig(presetSettings, config)) return;
  }
  lab.labSetProducer({ ...config.producer, maxEvents: config.producer.maxEvents });
  for (const lane of LANE_IDS) {
    lab.labToggleLane(lane, config.enabled[lane]);
    lab.labSetLane(lane, { ...config.settings[lane] });
  }
}
