// Series colours and shared chart settings. Colours are theme CSS variables (styles.css, "Lab charts"),
// so light and dark both stay legible without React knowing the theme.
import type { LaneId } from "../../../lab/protocol.ts";

export const laneColor = (id: LaneId): string => `var(--lane-${id})`;
export const COLORS = {
  published: "var(--series-published)",
  duplicates: "var(--series-duplicates)",
  redelivered: "var(--series-redelivered)",
  p99: "var(--series-p99)",
} as const;

/** Pixel height of every lab chart. */
export const CHART_HEIGHT = 170;
export const COMBINED_CHART_HEIGHT = 260;

/** The published line is dashed so it differs from delivered without relying on colour. */
export const DASHED = "6 4";

/** Fixed x window: −60 s … 0, so the axis does not jump while history fills up. */
export const X_DOMAIN: [number, number] = [-60, 0];
export const X_TICKS = [-60, -45, -30, -15, 0];
