// The lab's client modes. A new mode is a definition here (contract/modes/<id>.ts), an engine file
// (engine/modes/<id>.ts, found by its id), and one line in MODES.
import { core } from "./core.ts";
import { dedupe } from "./dedupe.ts";
import { durable } from "./durable.ts";
import { jetstream } from "./jetstream.ts";
import { pool } from "./pool.ts";
import type { ModeDefinition, NumberSetting, SettingField, SettingValues } from "./types.ts";

export const MODES = [core, jetstream, dedupe, durable, pool] as const;

type AnyMode = (typeof MODES)[number];
export type LaneId = AnyMode["id"];
export const LANE_IDS: readonly LaneId[] = MODES.map((m) => m.id);

/** Each lane's settings, by lane. */
export type LaneSettingsMap = { [M in AnyMode as M["id"]]: { -readonly [K in keyof M["defaults"]]: Widen<M["defaults"][K]> } };
type Widen<T> = T extends number ? number : T;
export type LaneSettingsOf<Id extends LaneId> = LaneSettingsMap[Id];
/** Any one lane's settings (for code that handles every mode alike). */
export type AnyLaneSettings = LaneSettingsMap[LaneId];

const BY_ID = new Map<string, ModeDefinition>(MODES.map((m) => [m.id, m as unknown as ModeDefinition]));

export const isLaneId = (id: unknown): id is LaneId => typeof id === "string" && BY_ID.has(id);

/** The definition of a lane's mode, seen through its generic shape. */
export function modeOf(id: LaneId): ModeDefinition {
  const m = BY_ID.get(id);
  if (!m) throw new Error(`No lab mode "${id}".`);
  return m;
}

export const laneTitle = (id: LaneId): string => modeOf(id).title;

export const defaultSettingsOf = <Id extends LaneId>(id: Id): LaneSettingsOf<Id> => ({ ...modeOf(id).defaults }) as LaneSettingsOf<Id>;

export const allLaneSettings = (): LaneSettingsMap =>
  Object.fromEntries(LANE_IDS.map((id) => [id, defaultSettingsOf(id)])) as LaneSettingsMap;

/** The setting fields of a mode, in order, with their keys. */
export const fieldsOf = (id: LaneId): [string, SettingField][] => Object.entries(modeOf(id).fields);

/** Stored value → what a number field shows. */
export const toField = (f: NumberSetting, v: number): number =>
  f.unit === "seconds" ? v / 1000 : f.unit === "percent" ? Math.round(v * 1000) / 10 : v;
/** What was typed → the stored value. */
export const fromField = (f: NumberSetting, n: number): number =>
  f.unit === "seconds" ? Math.round(n * 1000) : f.unit === "percent" ? n / 100 : n;

/** Durations are sent to the server in nanoseconds: beyond this they are no longer exact integers. */
export const MAX_DURATION_MS = Math.floor(Number.MAX_SAFE_INTEGER / 1e6);

const own = (v: unknown, key: string): unknown =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, key)
    ? (v as Record<string, unknown>)[key]
    : undefined;

/**
 * A lane's settings read from something untrusted (saved in the browser, a link): the mode's own keys
 * only, each checked as its field checks what is typed, over the defaults. `problems` says what was
 * refused (the value kept its default); a key the mode does not have is ignored.
 */
export function readLaneSettings<Id extends LaneId>(id: Id, raw: unknown): { settings: LaneSettingsOf<Id>; problems: string[] } {
  const mode = modeOf(id);
  const settings: SettingValues = { ...mode.defaults };
  const problems: string[] = [];
  if (raw !== undefined && (typeof raw !== "object" || raw === null || Array.isArray(raw)))
    problems.push(`${mode.title}: its settings are not a set of values.`);
  for (const [key, field] of Object.entries(mode.fields)) {
    const v = own(raw, key);
    if (v === undefined) continue;
    if (field.kind === "choice") {
      const known = field.options.find((o) => o.id === v);
      if (known) settings[key] = known.id;
      else problems.push(`${mode.title}: “${String(v).slice(0, 40)}” is not a ${field.label}.`);
      continue;
    }
    if (typeof v !== "number" || !Number.isFinite(v)) {
      problems.push(`${mode.title}: “${key}” is not a number.`);
      continue;
    }
    const problem = field.check(toField(field, v));
    if (problem) problems.push(`${mode.title}: ${problem}`);
    else if (field.unit === "seconds" && v > MAX_DURATION_MS) problems.push(`${mode.title}: “${key}” is longer than the server accepts.`);
    else if (Math.abs(v) > Number.MAX_SAFE_INTEGER) problems.push(`${mode.title}: “${key}” is too large.`);
    else settings[key] = v;
  }
  return { settings: settings as LaneSettingsOf<Id>, problems };
}

/** Whether two settings of one lane are the same. */
export const sameLaneSettings = (id: LaneId, a: SettingValues, b: SettingValues): boolean =>
  Object.keys(modeOf(id).fields).every((k) => a[k] === b[k]);

export type { ChartKind, CounterKey, ModeDefinition, ModeLook, ModeTraits, NumberSetting, SettingField } from "./types.ts";
