// The synced hover of a group of charts (a lane's charts share one): the x under the pointer or the
// keyboard's crosshair, kept outside React so every chart of the group follows it without a parent
// re-rendering. `nearestX` and `stepX` are pure and unit-tested.
import { useCallback, useSyncExternalStore } from "react";

export interface HoverState {
  /** Seconds relative to now (a row's x); null: no crosshair. */
  x: number | null;
  /** The chart that holds the keyboard focus in this group (it announces the values). */
  focused: string | null;
}

const NONE: HoverState = { x: null, focused: null };
const states = new Map<string, HoverState>();
const listeners = new Map<string, Set<() => void>>();

export function getHover(group: string): HoverState {
  return states.get(group) ?? NONE;
}

export function setHover(group: string, next: Partial<HoverState>): void {
  const prev = getHover(group);
  const state = { ...prev, ...next };
  if (state.x === prev.x && state.focused === prev.focused) return;
  states.set(group, state);
  for (const l of listeners.get(group) ?? []) l();
}

function subscribe(group: string, listener: () => void): () => void {
  let set = listeners.get(group);
  if (!set) listeners.set(group, (set = new Set()));
  set.add(listener);
  // The state outlives its listeners: React unsubscribes every chart before subscribing them again.
  return () => set.delete(listener);
}

/** The group's hover; re-renders the caller only when it changes. */
export function useHover(group: string): HoverState {
  const sub = useCallback((l: () => void) => subscribe(group, l), [group]);
  const get = useCallback(() => getHover(group), [group]);
  return useSyncExternalStore(sub, get, () => NONE);
}

/** The x among `xs` closest to `x` (null when there are none). */
export function nearestX(xs: readonly number[], x: number): number | null {
  let best: number | null = null;
  for (const v of xs) if (best === null || Math.abs(v - x) < Math.abs(best - x)) best = v;
  return best;
}

/** The keyboard's move: one point left/right, or the first/last; from nothing, the latest point. */
export function stepX(xs: readonly number[], current: number | null, key: string): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const i = current === null ? -1 : sorted.indexOf(nearestX(sorted, current) as number);
  switch (key) {
    case "Home":
      return sorted[0] as number;
    case "End":
      return sorted.at(-1) as number;
    case "ArrowLeft":
      return i < 0 ? (sorted.at(-1) as number) : (sorted[Math.max(0, i - 1)] as number);
    case "ArrowRight":
      return i < 0 ? (sorted.at(-1) as number) : (sorted[Math.min(sorted.length - 1, i + 1)] as number);
    default:
      return current;
  }
}
