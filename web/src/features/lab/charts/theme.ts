// Series styles and shared chart settings. Colours are theme CSS variables (styles.css, "Lab charts"),
// so light and dark both stay legible without React knowing the theme. Every lane also has its own
// dash pattern and end marker, so lanes read apart without colour (deuteranopia, a washed-out projector).

import { isLaneId, modeOf } from "../../../lab/contract/modes/index.ts";
import type { ModeLook } from "../../../lab/contract/modes/index.ts";

export type Marker = ModeLook["marker"];

/** One line of a plot. */
export interface Series {
  key: string;
  name: string;
  color: string;
  /** stroke-dasharray in pixels ("8 4"); undefined: solid. */
  dash?: string;
  marker?: Marker;
  width?: number;
}

export interface LaneStyle {
  color: string;
  /** SVG stroke-dasharray in screen pixels; undefined: solid. */
  dash?: string;
  marker: Marker;
}

/** A lane the registry does not know (a snapshot from a newer engine) still gets a distinct, legible style. */
const FALLBACK: Omit<LaneStyle, "color"> = { dash: "6 2 1 2 1 2", marker: "cross" };

/** The lane's colour: its theme variable, or the text colour for a lane the stylesheet does not know. */
export const laneColor = (id: string): string => `var(--lane-${id}, var(--text))`;

/** Each lane's look comes from its mode's definition: colour, dash pattern and end marker. */
export const laneStyle = (id: string): LaneStyle => {
  if (!isLaneId(id)) return { color: laneColor(id), ...FALLBACK };
  const look = modeOf(id).look;
  return { color: look.color, dash: look.dash || undefined, marker: look.marker };
};

export const COLORS = {
  published: "var(--series-published)",
  duplicates: "var(--series-duplicates)",
  redelivered: "var(--series-redelivered)",
  p99: "var(--series-p99)",
} as const;

/** Pixel height of every lab chart. */
export const CHART_HEIGHT = 190;
export const COMBINED_CHART_HEIGHT = 300;

/** The published line: long dashes in a neutral colour, apart from every lane's line. */
export const DASHED = "8 4";
/** p99: dots (round caps), so it never looks like the dashed published line. */
export const DOTTED = "0.5 5";

/** Fixed x window: −60 s … 0, so the axis does not jump while history fills up. */
export const X_DOMAIN: [number, number] = [-60, 0];
