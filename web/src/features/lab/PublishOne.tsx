import { useId, useState, type FormEvent, type ReactNode } from "react";
import { createStore, useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";
import { laneTitle } from "../../lab/contract/modes/index.ts";
import { LANE_IDS, type LaneId, type PublishOneResult } from "../../lab/contract/protocol.ts";
import { DELIVERY_WAIT_MS, fullSubject, payloadBytes, publishOneProblems, type PublishOneField } from "../../lab/contract/publishOne.ts";
import { count } from "./format.ts";

interface Draft {
  subject: string;
  payload: string;
  msgId: string;
  /** Fields whose problems are shown: typed in, or Publish was pressed. */
  shown: PublishOneField[];
}

/** What was typed, kept across views (the form unmounts when the lab view does). */
const draft = createStore<Draft>(() => ({
  subject: "dedupe.events",
  payload: '{"id":"manual-1","amountCents":100}',
  msgId: "",
  shown: [],
}));
let nextRequest = 1;

const laneNames = (ids: LaneId[]) => ids.map((id) => laneTitle(id)).join(", ");

/** One sentence on what became of a published event. */
function outcome(r: PublishOneResult): string {
  const stored =
    r.stream === undefined
      ? "Published with core NATS: no stream captures this subject, so nothing stored it."
      : r.duplicate
        ? `Duplicate: ${r.stream} already holds this Nats-Msg-Id (as message ${r.seq}), so it was not stored again.`
        : `Stored in ${r.stream} as message ${r.seq}.`;
  const stopped = r.consumerStopped;
  const delivered =
    r.deliveredTo.length > 0
      ? ` Delivered to: ${laneNames(r.deliveredTo)}.`
      : r.duplicate
        ? ""
        : r.notDelivered.length === 0 && stopped.length === 0
          ? " No running lane listens on this subject."
          : "";
  const missing = r.notDelivered.length > 0 ? ` Not delivered within ${DELIVERY_WAIT_MS / 1000} s to: ${laneNames(r.notDelivered)}.` : "";
  const idle =
    stopped.length > 0 && !r.duplicate
      ? ` Not delivered to ${laneNames(stopped)}: ${stopped.length === 1 ? "its consumer is" : "their consumers are"} stopped.`
      : "";
  return `${stored}${delivered}${missing}${idle}`;
}

/**
 * "Publish one event": a subject inside the participant's namespace, a payload and an optional
 * Nats-Msg-Id, sent through the lab engine. Problems show at their field as they are typed; what was
 * typed stays, including across views.
 */
export function PublishOne() {
  const ids = { subject: useId(), payload: useId(), msgId: useId() };
  const d = useStore(draft);
  const { pid, connected, maxPayload, publishing, result, publish } = useAppStore(
    useShallow((s) => ({
      pid: s.pid,
      connected: s.status.state === "connected",
      maxPayload: s.status.maxPayload,
      publishing: s.labPublishing !== null,
      result: s.labPublished,
      publish: s.labPublishOne,
    })),
  );
  const [notice, setNotice] = useState<string | null>(null);
  const prefix = `lab.${pid}`;
  const problems = publishOneProblems(d, prefix, maxPayload);
  // A refusal from the server belongs to its field until that field is changed.
  const [refused, setRefused] = useState<{ result: PublishOneResult; values: Draft } | null>(null);
  if (result && result.error && refused?.result !== result) setRefused({ result, values: d });
  const serverProblem = (field: PublishOneField): string | undefined =>
    refused && refused.result === result && refused.result.error?.field === field && refused.values[field] === d[field]
      ? refused.result.error.message
      : undefined;
  const problem = (field: PublishOneField) => (d.shown.includes(field) ? problems[field] : undefined) ?? serverProblem(field);

  const edit = (field: PublishOneField, value: string) => {
    draft.setState((s) => ({ [field]: value, shown: s.shown.includes(field) ? s.shown : [...s.shown, field] }));
    setNotice(null);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    draft.setState({ shown: ["subject", "payload", "msgId"] });
    if (Object.keys(problems).length > 0) return;
    const sent = publish({ id: nextRequest++, subject: d.subject, payload: d.payload, msgId: d.msgId });
    setNotice(sent ? null : "Connect to a NATS server first (Connection page).");
  };
  const bytes = payloadBytes(d.payload);
  const formError = result?.error && result.error.field === null ? result.error.message : null;

  return (
    <section className="card lab-publish" aria-labelledby="lab-publish-title">
      <h2 id="lab-publish-title">Publish one event</h2>
      <form onSubmit={onSubmit} noValidate>
        <div className="row">
          <Field id={ids.subject} label="Subject" error={problem("subject")}>
            <div className="lab-publish-subject">
              <span className="muted" aria-hidden="true">
                {prefix}.
              </span>
              <input
                id={ids.subject}
                value={d.subject}
                spellCheck={false}
                autoComplete="off"
                placeholder="core.events"
                aria-invalid={problem("subject") ? true : undefined}
                aria-describedby={`${ids.subject}-help`}
                onChange={(e) => edit("subject", e.target.value)}
              />
            </div>
            <>
              Inside your namespace: sent to <code>{fullSubject(d.subject || "…", prefix)}</code>. The lanes listen on{" "}
              {LANE_IDS.map((id) => `${id}.events`).join(", ")}.
            </>
          </Field>
          <Field id={ids.msgId} label="Nats-Msg-Id (optional)" error={problem("msgId")}>
            <input
              id={ids.msgId}
              value={d.msgId}
              spellCheck={false}
              autoComplete="off"
              placeholder="none"
              aria-invalid={problem("msgId") ? true : undefined}
              aria-describedby={`${ids.msgId}-help`}
              onChange={(e) => edit("msgId", e.target.value)}
            />
            <>The same id twice within the duplicate window: a stream stores it once.</>
          </Field>
        </div>
        <Field id={ids.payload} label="Payload" error={problem("payload")}>
          <textarea
            id={ids.payload}
            value={d.payload}
            rows={3}
            spellCheck={false}
            aria-invalid={problem("payload") ? true : undefined}
            aria-describedby={`${ids.payload}-help`}
            onChange={(e) => edit("payload", e.target.value)}
          />
          <>
            {count(bytes)} bytes{maxPayload !== undefined ? ` of at most ${count(maxPayload)} (the server's max_payload)` : ""}.
          </>
        </Field>
        <div className="row lab-publish-actions">
          <button type="submit" className="primary" disabled={!connected || publishing}>
            {publishing ? "Publishing…" : "Publish"}
          </button>
          <p className="help" role="status" data-testid="publish-one-result">
            {notice ??
              (publishing
                ? "Waiting for the server and the lanes…"
                : result && !result.error
                  ? outcome(result)
                  : connected
                    ? ""
                    : "Connect to a NATS server first (Connection page).")}
          </p>
        </div>
        {formError && (
          <p className="field-error" role="alert" data-testid="publish-one-error">
            {formError}
          </p>
        )}
      </form>
    </section>
  );
}

/** A label, the control, and below it the help text or, when there is one, the problem. */
function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: [ReactNode, ReactNode] }) {
  const [control, help] = children;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control}
      <p id={`${id}-help`} className={error ? "field-error" : "help"} role={error ? "alert" : undefined}>
        {error ?? help}
      </p>
    </div>
  );
}
