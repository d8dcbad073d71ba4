// What the page and the engine both know about a client mode: its name and promise, its traits, its
// settings (type, defaults, fields, checks), which counters, charts and faults it has, and how its
// lines look. Pure data: no NATS, no React. How a mode opens lives with the engine (engine/modes/).
import type { Fault } from "../faults.ts";

/** A lane's counters, as the lane card shows them. */
export type CounterKey = "published" | "stored" | "delivered" | "duplicatesRejected" | "redelivered" | "lost" | "pending" | "publishErrors";

/** The charts a lane can have, besides the combined one. */
export type ChartKind = "throughput" | "duplicates" | "redeliveries" | "latency";

/** What a mode does, as the lab's generic code asks it (never by the mode's name). */
export interface ModeTraits {
  /** A stream stores what is published (JetStream); false: nothing is kept (core NATS). */
  stores: boolean;
  /** Deliveries are acked, and unacked ones come again. */
  acks: boolean;
  /** Messages nobody received are counted as lost (only a mode that stores nothing can lose them). */
  countsLoss: boolean;
  /** The stream rejects a repeated Nats-Msg-Id. */
  dedupes: boolean;
  /** Several consumer workers share the lane's consumer: the lane shows each worker's deliveries. */
  workers: boolean;
}

/** A number setting, stored in the engine's unit and shown in the unit people think in. */
export interface NumberSetting {
  kind: "number";
  label: string;
  help: string;
  /** seconds: stored as ms; percent: stored as a share 0..1; count: as is. */
  unit: "seconds" | "percent" | "count";
  /** Checks what was typed (in the field's unit); null when fine. */
  check: (typed: number) => string | null;
}

/** One of a few named choices. */
export interface ChoiceSetting {
  kind: "choice";
  label: string;
  options: readonly { id: string; label: string; explain: string }[];
}

export type SettingField = NumberSetting | ChoiceSetting;

export type SettingValues = Record<string, number | string>;

/** How a lane's lines are told apart without colour: a dash pattern and a marker, besides its colour. */
export interface ModeLook {
  /** A CSS colour (a theme variable). */
  color: string;
  /** SVG stroke-dasharray; "" for a solid line. */
  dash: string;
  marker: "circle" | "square" | "triangle" | "diamond" | "cross";
}

export interface ModeDefinition<Id extends string = string, S extends SettingValues = SettingValues> {
  id: Id;
  title: string;
  /** A name that fits a narrow column in big letters (presenter mode). */
  shortTitle: string;
  /** What the mode promises, in one line (shown on the lane). */
  promise: string;
  traits: ModeTraits;
  /** Whether the lane is on in a fresh lab (off: only a preset or the learner turns it on). */
  onByDefault: boolean;
  /** The settings a new lane starts with (copy before changing). */
  defaults: Readonly<S>;
  /** The settings the lane card shows, in order; every key of S appears here. */
  fields: { readonly [K in keyof S]: S[K] extends number ? NumberSetting : S[K] extends string ? ChoiceSetting : SettingField };
  /** A one-line summary for the collapsed settings header. */
  summary: (s: S) => string;
  /** The counters that apply (the others show a dash: "not applicable"). */
  counters: readonly CounterKey[];
  charts: readonly ChartKind[];
  faults: readonly Fault[];
  look: ModeLook;
}

/** Identity, for inference: `defineMode({...})` keeps the id literal and the settings type. */
export const defineMode = <const Id extends string, S extends SettingValues>(
  m: Omit<ModeDefinition<Id, S>, "fields" | "summary"> & {
    fields: NoInfer<ModeDefinition<Id, S>["fields"]>;
    summary: (s: NoInfer<S>) => string;
  },
): ModeDefinition<Id, S> => m;
