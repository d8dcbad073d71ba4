// Pure: a lane's connection/consumer events (epoch-ms times) as marks on the charts' time axis:
// outages as bands (connection lost → back), everything else as a point in time.
import { CHART_WINDOW_SECONDS } from "./rows.ts";

export type MarkKind = "outage" | "back" | "fault";

export interface Mark {
  /** Seconds relative to the chart's now (the same x as the rows: the current second starts at 0). */
  x: number;
  kind: MarkKind;
  text: string;
  /** The lane it happened to (the combined chart shows every lane's). */
  lane?: string;
}

export interface Band {
  from: number;
  /** 0 while the outage lasts. */
  to: number;
  open: boolean;
  text: string;
  lane?: string;
}

export interface Marks {
  marks: Mark[];
  bands: Band[];
}

/** What an event's sentence says happened: the connection went, came back, or another fault. */
export function markKind(text: string): MarkKind {
  if (/\b(lost|gave up|could not)\b/i.test(text)) return "outage";
  if (/\b(reconnected|resumed|caught up)\b/i.test(text)) return "back";
  return "fault";
}

/**
 * The events inside the −60 s … 0 window, as x positions relative to `nowMs`'s second, and the outages
 * (from an outage event to the next "back" event, or to now while it lasts) clipped to the window.
 */
export function eventMarks(events: readonly { at: number; text: string }[], nowMs: number, lane?: string): Marks {
  const now = Math.floor(nowMs / 1000);
  const x0 = -CHART_WINDOW_SECONDS;
  const marks: Mark[] = [];
  const bands: Band[] = [];
  let since: { x: number; text: string } | null = null;
  for (const e of events) {
    const x = Number((e.at / 1000 - now).toFixed(3));
    const kind = markKind(e.text);
    if (kind === "outage" && since === null) since = { x, text: e.text };
    else if (kind === "back" && since !== null && /reconnected|resumed/i.test(e.text)) {
      if (x >= x0) bands.push({ from: Math.max(x0, since.x), to: Math.min(0, x), open: false, text: since.text, ...(lane && { lane }) });
      since = null;
    }
    if (x >= x0 && x <= 1) marks.push({ x: Math.min(0, x), kind, text: e.text, ...(lane && { lane }) });
  }
  if (since !== null) bands.push({ from: Math.max(x0, Math.min(0, since.x)), to: 0, open: true, text: since.text, ...(lane && { lane }) });
  return { marks, bands };
}

/** Every lane's marks in one (the combined chart). */
export function mergeMarks(all: readonly Marks[]): Marks {
  return { marks: all.flatMap((m) => m.marks).sort((a, b) => a.x - b.x), bands: all.flatMap((m) => m.bands) };
}
