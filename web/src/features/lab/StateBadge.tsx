import type { LaneState } from "../../lab/contract/protocol.ts";

const LABEL: Record<LaneState, string> = {
  off: "Off",
  starting: "Starting",
  running: "Running",
  paused: "Paused",
  "consumer-stopped": "Consumer stopped",
  reconnecting: "Reconnecting",
  "gave-up": "Gave up",
  error: "Error",
};

const TONE: Record<LaneState, "ok" | "busy" | "bad" | "idle"> = {
  off: "idle",
  starting: "busy",
  running: "ok",
  paused: "bad",
  "consumer-stopped": "bad",
  reconnecting: "busy",
  "gave-up": "bad",
  error: "bad",
};

/**
 * The lane's state. `state` is undefined when the lane is not in the running lab: then it says
 * whether the lane will run at the next Start, or that the numbers shown are from the last run.
 */
export function StateBadge({ lane, state, enabled, stopped }: { lane: string; state?: LaneState; enabled: boolean; stopped: boolean }) {
  const shown = state === undefined ? (enabled ? "Ready" : "Off") : stopped ? "Stopped" : LABEL[state];
  const tone = state === undefined || stopped ? "idle" : TONE[state];
  return (
    <span
      className={`pill lane-state tone-${tone}`}
      data-testid={`lane-${lane}-state`}
      data-state={stopped ? "stopped" : (state ?? "idle")}
    >
      <span className="dot" aria-hidden="true" />
      {shown}
    </span>
  );
}

/** Beside the state while the slow-consumer fault lasts and while its backlog is worked off. */
export function SlowConsumerBadge({ lane, phase }: { lane: string; phase: "slow" | "catching-up" }) {
  return (
    <span className={`pill lane-state tone-${phase === "slow" ? "bad" : "busy"}`} data-testid={`lane-${lane}-slow`} data-phase={phase}>
      <span className="dot" aria-hidden="true" />
      {phase === "slow" ? "Slow consumer" : "Catching up"}
    </span>
  );
}
