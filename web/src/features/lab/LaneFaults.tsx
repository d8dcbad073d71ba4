import type { Fault, LaneId, LaneState } from "../../lab/protocol.ts";

/** Faults to inject into one lane; each has a visible consequence in the lane's numbers and note. */
export function LaneFaults({
  lane,
  state,
  acksPaused,
  onFault,
}: {
  lane: LaneId;
  /** undefined while the lane is not part of a running lab. */
  state?: LaneState;
  acksPaused: boolean;
  onFault: (lane: LaneId, fault: Fault) => void;
}) {
  const live = state !== undefined && state !== "starting" && state !== "off";
  const stopped = state === "consumer-stopped";
  return (
    <div className="lane-faults" role="group" aria-label="Faults">
      <button type="button" disabled={!live} onClick={() => onFault(lane, stopped ? "start-consumer" : "stop-consumer")}>
        {stopped ? "Start consumer" : "Stop consumer"}
      </button>
      <button type="button" disabled={!live} onClick={() => onFault(lane, "cut-connection")}>
        Cut connection
      </button>
      {lane !== "core" && (
        <button type="button" disabled={!live} onClick={() => onFault(lane, acksPaused ? "resume-acks" : "pause-acks")}>
          {acksPaused ? "Resume acks" : "Pause acks"}
        </button>
      )}
    </div>
  );
}
