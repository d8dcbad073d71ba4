// "Publish one event": a subject typed inside the participant's namespace, a payload and an optional
// Nats-Msg-Id, checked here before anything reaches the engine (and again in the engine). Plain data:
// the request and its result cross postMessage.
import { subjectProblem } from "../../nats/names.ts";
import type { LaneId } from "./modes/index.ts";

export interface PublishOneRequest {
  /** Matches the result to the request (a second click may overtake the first). */
  id: number;
  /** As typed: relative to the namespace (`core.events`), or the full subject starting with it. */
  subject: string;
  payload: string;
  /** Optional Nats-Msg-Id; empty sends none. */
  msgId: string;
}

/** How long the engine watches the lanes' consumers for a published event. */
export const DELIVERY_WAIT_MS = 2_000;

export type PublishOneField = "subject" | "payload" | "msgId";

export interface PublishOneResult {
  id: number;
  /** The full subject it went to. */
  subject: string;
  /** Payload bytes (UTF-8). */
  bytes: number;
  /** Where it failed, for the message at that field; absent on success. */
  error?: { field: PublishOneField | null; message: string };
  /** JetStream: the stream that stored it and its sequence; a duplicate was not stored again. */
  stream?: string;
  seq?: number;
  duplicate?: boolean;
  /** Lanes whose consumer received it within DELIVERY_WAIT_MS. */
  deliveredTo: LaneId[];
  /** Lanes listening on this subject that had not received it yet when the engine stopped waiting. */
  notDelivered: LaneId[];
  /** Running lanes on this subject whose consumer is stopped: they received nothing. */
  consumerStopped: LaneId[];
}

/** Longest Nats-Msg-Id accepted (the server takes any header value; a long one is a typo). */
export const MAX_MSG_ID_LENGTH = 256;

const encoder = new TextEncoder();
export const payloadBytes = (payload: string): number => encoder.encode(payload).length;

/** The full subject for what was typed: the namespace prefix is added unless it is already there. */
export function fullSubject(typed: string, prefix: string): string {
  const text = typed.trim();
  return text.startsWith(`${prefix}.`) ? text : `${prefix}.${text}`;
}

/** Why the typed subject cannot be published to, or null. `prefix` is the namespace (`lab.<pid>`). */
export function publishSubjectProblem(typed: string, prefix: string): string | null {
  // Only the ends are forgiven: inside the subject a space is a mistake worth naming.
  const text = typed.trim();
  if (text === "") return `Enter a subject inside your namespace, for example core.events (sent to ${prefix}.core.events).`;
  return subjectProblem(text, { publish: true });
}

/** Why the payload cannot be sent, or null. `maxPayload` is the server's max_payload when known. */
export function payloadProblem(payload: string, maxPayload: number | undefined): string | null {
  if (maxPayload === undefined) return null;
  const bytes = payloadBytes(payload);
  // The headers (Playground-Sent-At, Nats-Msg-Id) count too; the engine checks the exact total.
  if (bytes > maxPayload)
    return `The payload is ${bytes.toLocaleString("en-US")} bytes, but this server accepts at most ${maxPayload.toLocaleString("en-US")} bytes per message (its max_payload).`;
  return null;
}

export function msgIdProblem(msgId: string): string | null {
  if (msgId === "") return null;
  if (/[\r\n]/.test(msgId)) return "A Nats-Msg-Id is one line: remove the line break.";
  if (msgId.trim() !== msgId)
    return `"${msgId}" starts or ends with a space; the server would keep it, and a retry typed without it would not match.`;
  if (msgId.length > MAX_MSG_ID_LENGTH)
    return `The Nats-Msg-Id is ${msgId.length} characters long; keep it under ${MAX_MSG_ID_LENGTH + 1}.`;
  return null;
}

/** Every problem with the form, by field; empty when it can be sent. */
export function publishOneProblems(
  req: Pick<PublishOneRequest, "subject" | "payload" | "msgId">,
  prefix: string,
  maxPayload: number | undefined,
): Partial<Record<PublishOneField, string>> {
  const out: Partial<Record<PublishOneField, string>> = {};
  const subject = publishSubjectProblem(req.subject, prefix);
  if (subject) out.subject = subject;
  const payload = payloadProblem(req.payload, maxPayload);
  if (payload) out.payload = payload;
  const msgId = msgIdProblem(req.msgId);
  if (msgId) out.msgId = msgId;
  return out;
}
