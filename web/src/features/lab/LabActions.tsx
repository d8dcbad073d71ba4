import { useEffect, useRef, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";
import { payloadLimitProblem } from "../../lab/contract/producer.ts";
import { useFieldProblems } from "../../shared/NumberField.tsx";
import { clearLabRun } from "./run.ts";
import { labLive, useLabLive } from "./live.ts";

/** The lab's fields (their draft keys): the producer's and every lane's. */
const LAB_FIELDS = ["producer.", "lane."] as const;

/** Start, Stop and Reset; Reset deletes this participant's lab streams, so it asks first. */
export function LabActions({ running }: { running: boolean }) {
  // Opening four lanes' connections takes a moment: until the engine answers (a new snapshot, or an
  // error), Start is busy. `clickedAt` is the snapshot time when Start was pressed.
  const [clickedAt, setClickedAt] = useState<number | null | undefined>(undefined);
  const snapshotAt = useLabLive((snap) => snap?.at ?? null);
  const { connected, pid, labError, start, stop, reset, gaveUp, resume, overServer } = useAppStore(
    useShallow((s) => ({
      connected: s.status.state === "connected",
      gaveUp: s.labGaveUp,
      resume: s.labResume,
      pid: s.pid,
      labError: s.labError,
      start: s.labStart,
      stop: s.labStop,
      overServer: payloadLimitProblem(s.labConfig.producer.payloadBytes, s.status.maxPayload),
      reset: s.labReset,
    })),
  );
  const waiting = clickedAt !== undefined && snapshotAt === clickedAt && labError === null;
  const starting = !running && waiting;
  // A field with text that is not a usable value blocks Start: it would run the last valid one, silently.
  const fieldProblems = useFieldProblems(LAB_FIELDS);
  // A payload the connected server would refuse (its max_payload) blocks Start too, said at the payload field.
  const invalid =
    overServer && !fieldProblems.some((p) => p.key === "producer.payload")
      ? [...fieldProblems, { key: "producer.payload", label: "Payload (bytes)", message: overServer }]
      : fieldProblems;
  const [confirming, setConfirming] = useState(false);
  // Pressing Start disables it, and a disabled button drops the focus to the page: the focus follows
  // to Stop once the lanes run (back to Start after Stop, or when starting failed), for keyboard users.
  const startRef = useRef<HTMLButtonElement>(null);
  const stopRef = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current || starting) return;
    const target = running ? stopRef.current : startRef.current;
    if (!target || target.disabled) return;
    refocus.current = false;
    // Unless the user has gone elsewhere meanwhile (the browser may still report the disabled button).
    const active = document.activeElement;
    if (active === null || active === document.body || active === startRef.current || active === stopRef.current) target.focus();
  }, [running, starting]);
  const keepFocus = (e: { currentTarget: HTMLButtonElement }) => {
    refocus.current = document.activeElement === e.currentTarget;
  };

  return (
    <div className="lab-actions">
      <div className="row">
        <button
          ref={startRef}
          type="button"
          className="primary"
          disabled={!connected || running || starting || invalid.length > 0}
          aria-describedby={invalid.length > 0 ? "lab-invalid-fields" : undefined}
          onClick={(e) => {
            keepFocus(e);
            clearLabRun();
            setClickedAt(labLive.getState().snapshot?.at ?? null);
            start();
          }}
        >
          {starting ? "Starting…" : "Start"}
        </button>
        <button
          ref={stopRef}
          type="button"
          disabled={!running}
          onClick={(e) => {
            keepFocus(e);
            stop();
          }}
        >
          Stop
        </button>
        {gaveUp && (
          <button type="button" className="primary" onClick={() => void resume()}>
            Reconnect
          </button>
        )}
        {!confirming && (
          <button type="button" onClick={() => setConfirming(true)} disabled={!connected}>
            Reset
          </button>
        )}
      </div>
      {confirming && (
        <div className="lab-confirm" role="group" aria-label="Confirm reset">
          <p>
            Delete your lab streams and consumers (<code>LAB_{pid.toUpperCase()}_*</code>) and stop the lab?
          </p>
          <div className="row">
            <button
              type="button"
              className="danger"
              autoFocus
              onClick={() => {
                setConfirming(false);
                clearLabRun();
                reset();
              }}
            >
              Delete streams
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {invalid.length > 0 && !running && (
        <p className="field-error" id="lab-invalid-fields" data-testid="lab-invalid-fields" role="status">
          Start waits for {invalid.length === 1 ? "a field" : `${invalid.length} fields`}:{" "}
          {invalid.map((p) => `“${p.label}”: ${p.message}`).join(" · ")}
        </p>
      )}
      {gaveUp && (
        <p className="help" data-testid="lab-gave-up" role="status">
          The lanes gave up reconnecting: nothing is sent until you press Reconnect. JetStream consumers then resume at the server's ack
          floor, unless the server deleted them meanwhile (inactive threshold): those are created again and start over from the first
          message.
        </p>
      )}
      {!gaveUp && !connected && (
        <p className="help" data-testid="lab-connect-first">
          <a href="#/connection">Connect first</a>: the lab needs a connected NATS server.
        </p>
      )}
    </div>
  );
}
