// The instructor page's connection, on the instructor account's credentials: every seat's progress
// (the history from the instructor's stream, then live), messages to one seat or all, and the
// launcher's room service (reset a seat, the seat table).
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/nats-core";
import {
  ADMIN,
  parseJson,
  PROGRESS_STREAM,
  TO_ALL,
  toSeat,
  type AdminReply,
  type InstructorMessage,
  type ProgressEnvelope,
  type SeatsReply,
} from "../room/contract.ts";
import { openConnection } from "./connection.ts";
import { explainError, PlaygroundError } from "./errors.ts";
import type { ConnectionSettings } from "./settings.ts";

const REQUEST_TIMEOUT_MS = 15_000;

export interface InstructorLinkDeps {
  onEvent: (subject: string, event: ProgressEnvelope) => void;
  /** The history has been read: from here on events are live. */
  onCaughtUp: () => void;
  onProblem: (message: string) => void;
}

export async function openInstructorLink(settings: ConnectionSettings, deps: InstructorLinkDeps) {
  const nc: NatsConnection = await openConnection({ ...settings, maxReconnects: -1 }, "instructor page");
  let closed = false;
  const ask = async (subject: string, body: unknown): Promise<AdminReply> => {
    try {
      const reply = await nc.request(subject, JSON.stringify(body), { timeout: REQUEST_TIMEOUT_MS });
      return (
        parseJson<AdminReply>(reply.data, (v) => typeof v.ok === "boolean") ?? {
          ok: false,
          error: "The room service gave an answer this page does not understand.",
        }
      );
    } catch (err) {
      const e = explainError(err);
      return {
        ok: false,
        error: e.kind === "no-responders" ? "The room service does not answer: is the launcher still running?" : e.message,
      };
    }
  };

  try {
    // An ordered consumer replays the room's progress from the start, then follows it; it re-creates
    // itself after a reconnect, so nothing is read twice or missed.
    const stored = (await (await jetstreamManager(nc)).streams.info(PROGRESS_STREAM)).state.messages;
    const consumer = await jetstream(nc).consumers.get(PROGRESS_STREAM);
    let behind = stored;
    if (behind === 0) deps.onCaughtUp();
    const messages = await consumer.consume();
    void (async () => {
      for await (const m of messages) {
        const env = parseJson<ProgressEnvelope>(m.data, (v) => v.v === 1 && typeof v.kind === "string" && typeof v.at === "number");
        try {
          if (env) deps.onEvent(m.subject, env);
        } catch {
          // a bad event must not stop the rest
        }
        if (behind > 0 && m.info.pending === 0) {
          behind = 0;
          deps.onCaughtUp();
        }
      }
    })().catch((err: unknown) => !closed && deps.onProblem(explainError(err).message));
  } catch (err) {
    await nc.close().catch(() => undefined);
    const e = explainError(err);
    throw e.kind === "no-stream" || /stream not found/i.test(e.detail)
      ? new PlaygroundError(
          "no-stream",
          "These credentials work, but this account keeps no room progress: are they the room's instructor credentials?",
          e.detail,
        )
      : e;
  }

  const publish = (subject: string, m: InstructorMessage) => {
    nc.publish(subject, JSON.stringify(m));
    return nc.flush();
  };

  return {
    /** A hint or message to one seat, or to every seat. */
    send: (to: string | "all", m: InstructorMessage) => publish(to === "all" ? TO_ALL : toSeat(to), m),
    reset: (seat: string) => ask(ADMIN.reset, { seat }),
    free: (seat: string) => ask(ADMIN.free, { seat }),
    async seats(): Promise<SeatsReply | null> {
      const r = await ask(ADMIN.seats, {});
      return r.ok ? parseJson<SeatsReply>(r.text, (v) => Array.isArray(v.seats)) : null;
    },
    async close(): Promise<void> {
      closed = true;
      await nc.close().catch(() => undefined);
    },
  };
}

export type InstructorLink = Awaited<ReturnType<typeof openInstructorLink>>;
