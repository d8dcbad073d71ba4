// Pure: the accessible names of the charts, summarising what they show in words.
import { formatCount, formatMs } from "./rows.ts";

const window = (points: number): string => `over the last ${points} s`;

/** A per-second chart: its series' latest second and totals shown. */
export function rateLabel(subject: string, points: number, series: { name: string; last: number | null; sum: number }[]): string {
  if (points === 0) return `${subject} per second: no completed second yet.`;
  const last = series.map((s) => `${formatCount(s.last)} ${s.name}`).join(", ");
  const sums = series.map((s) => `${formatCount(s.sum)} ${s.name}`).join(", ");
  return `${subject} per second ${window(points)}. Last second: ${last}. In total: ${sums}.`;
}

export function latencyLabel(title: string, points: number, p50: number | null, p99: number | null): string {
  if (points === 0 || (p50 === null && p99 === null)) return `${title} latency: no delivery measured yet.`;
  return `${title} latency ${window(points)}: now p50 ${formatMs(p50)}, p99 ${formatMs(p99)}.`;
}

export function combinedLabel(points: number, published: number | null, lanes: { title: string; delivered: number | null }[]): string {
  if (points === 0 || lanes.length === 0) return "Delivered per lane against published: no lane running yet.";
  const delivered = lanes.map((l) => `${l.title} ${formatCount(l.delivered)}`).join(", ");
  return `Delivered per lane against published, cumulative, ${window(points)}. Now: published ${formatCount(published)}; delivered: ${delivered}.`;
}

/** What the keyboard crosshair announces: the point's time, each series' value, and what happened then. */
export function atLabel(x: number, series: { name: string; value: string }[], events: string[] = []): string {
  const when = x === 0 ? "Now" : `${Math.abs(x)} s ago`;
  const values = series.map((s) => `${s.name} ${s.value}`).join(", ");
  return `${when}: ${values}.${events.length ? ` ${events.join(" ")}` : ""}`;
}
