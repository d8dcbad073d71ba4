import { modeOf, type LaneId } from "../../lab/contract/modes/index.ts";
import type { Fault, LaneState } from "../../lab/contract/protocol.ts";
import { SLOW_CONSUMER_MS, SLOW_HANDLER_MS } from "../../lab/contract/faults.ts";

/** Why the faults are off while the lane's connections are away. */
const AWAY: Partial<Record<LaneState, string>> = {
  reconnecting: "The connection is down and the client is reconnecting: faults are off until it is back.",
  "gave-up": "The connection gave up reconnecting: faults are off until Reconnect brings the lane back.",
};

/** Faults to inject into one lane; each has a visible consequence in the lane's numbers and note. */
export function LaneFaults({
  lane,
  state,
  acksPaused,
  onFault,
  compact = false,
  workers,
}: {
  lane: LaneId;
  /** undefined while the lane is not part of a running lab. */
  state?: LaneState;
  acksPaused: boolean;
  onFault: (lane: LaneId, fault: Fault) => void;
  /** Short labels (the full ones stay the accessible names): the projector's narrow lanes. */
  compact?: boolean;
  /** Worker-pool lanes: how many workers run now (Remove is off at one). */
  workers?: number;
}) {
  const has = (f: Fault) => modeOf(lane).faults.includes(f);
  // While its connections are away, the outage is the lane's story: a fault now would only blur it.
  // A lane that gave up has no connection to break: Reconnect (lab actions) brings it back.
  const away = AWAY[state ?? "off"];
  const live = state !== undefined && state !== "starting" && state !== "off" && !away;
  const stopped = state === "consumer-stopped";
  return (
    <div className="lane-faults" role="group" aria-label="Faults" title={away}>
      <button
        type="button"
        disabled={!live}
        aria-label={stopped ? "Start consumer" : "Stop consumer"}
        onClick={() => onFault(lane, stopped ? "start-consumer" : "stop-consumer")}
      >
        {compact ? (stopped ? "Start" : "Stop") : stopped ? "Start consumer" : "Stop consumer"}
      </button>
      <button type="button" disabled={!live} aria-label="Cut connection" onClick={() => onFault(lane, "cut-connection")}>
        {compact ? "Cut" : "Cut connection"}
      </button>
      <button
        type="button"
        disabled={!live || stopped}
        title={away ?? `Each message waits ${SLOW_HANDLER_MS} ms for a slow call, for ${SLOW_CONSUMER_MS / 1000} s`}
        aria-label={`Slow consumer (${SLOW_CONSUMER_MS / 1000} s)`}
        onClick={() => onFault(lane, "slow-consumer")}
      >
        {compact ? "Slow" : `Slow consumer (${SLOW_CONSUMER_MS / 1000} s)`}
      </button>
      {has("pause-acks") && (
        <button
          type="button"
          disabled={!live}
          aria-label={acksPaused ? "Resume acks" : "Pause acks"}
          onClick={() => onFault(lane, acksPaused ? "resume-acks" : "pause-acks")}
        >
          {compact ? (acksPaused ? "Resume" : "Pause") : acksPaused ? "Resume acks" : "Pause acks"}
        </button>
      )}
      {has("add-worker") && (
        <button type="button" disabled={!live} aria-label="Add a worker" onClick={() => onFault(lane, "add-worker")}>
          {compact ? "+1" : "Add a worker"}
        </button>
      )}
      {has("remove-worker") && (
        <button
          type="button"
          disabled={!live || (workers ?? 0) <= 1}
          aria-label="Remove a worker"
          onClick={() => onFault(lane, "remove-worker")}
        >
          {compact ? "−1" : "Remove a worker"}
        </button>
      )}
    </div>
  );
}
