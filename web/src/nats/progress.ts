// A seat's line to the instructor, on the page's own connection: progress events out (queued while
// the connection is down, bounded, each sent with an id so a resend is stored once) and the
// instructor's messages in (to this seat, and to all).
import { headers, type NatsConnection, type Subscription } from "@nats-io/nats-core";
import {
  FROM_INSTRUCTOR,
  MAX_PROGRESS_CODE,
  parseJson,
  progressSubject,
  type InstructorMessage,
  type ProgressEnvelope,
  type ProgressEvent,
} from "../room/contract.ts";
import { HDR_MSG_ID } from "./event.ts";

/** Events kept while offline; beyond this the oldest go (the newest say most). */
export const PROGRESS_QUEUE_MAX = 200;
const RETRY_MS = 2_000;

const cut = (code: string) =>
  code.length > MAX_PROGRESS_CODE ? `${code.slice(0, MAX_PROGRESS_CODE)}\n// … cut at ${MAX_PROGRESS_CODE} characters` : code;

function bounded(e: ProgressEvent): ProgressEvent {
  if (e.kind === "run" || e.kind === "check") return { ...e, code: cut(e.code) };
  return e;
}

export interface SeatLineDeps {
  connection: () => NatsConnection | null;
  /** `toAll`: sent to the whole room, not to this seat alone. */
  onMessage: (m: InstructorMessage, toAll: boolean) => void;
  now?: () => number;
  newId?: () => string;
}

export function createSeatLine(deps: SeatLineDeps) {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const queue: ProgressEnvelope[] = [];
  let dropped = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let listening: { nc: NatsConnection; subs: Subscription[] } | null = null;

  const live = () => {
    const nc = deps.connection();
    return nc && !nc.isClosed() && nc.info ? nc : null;
  };

  const flush = () => {
    timer = undefined;
    const nc = live();
    if (nc) {
      try {
        while (queue.length > 0) {
          const env = queue[0]!;
          const h = headers();
          h.set(HDR_MSG_ID, env.id);
          nc.publish(progressSubject(env.kind), JSON.stringify(env), { headers: h });
          queue.shift();
        }
      } catch {
        // Disconnected meanwhile: what is left goes next time.
      }
    }
    if (queue.length > 0) timer ??= setTimeout(flush, RETRY_MS);
  };

  /** Subscribes the current connection to the instructor's messages, once per connection. */
  const listen = () => {
    const nc = live();
    if (!nc || listening?.nc === nc) return;
    for (const s of listening?.subs ?? []) s.unsubscribe();
    const take = (_e: Error | null, m: { data: Uint8Array; subject: string }) => {
      // Never throw here: a callback that throws ends the client's read loop.
      const msg = parseJson<InstructorMessage>(
        m.data,
        (v) => v.v === 1 && (v.kind === "message" || v.kind === "follow") && typeof v.id === "string",
      );
      try {
        if (msg) deps.onMessage(msg, m.subject === FROM_INSTRUCTOR.all);
      } catch {
        // the page's trouble, not the connection's
      }
    };
    listening = { nc, subs: [nc.subscribe(FROM_INSTRUCTOR.me, { callback: take }), nc.subscribe(FROM_INSTRUCTOR.all, { callback: take })] };
  };

  return {
    /** Sends an event now, or as soon as the connection is back. */
    report(event: ProgressEvent, name: string): void {
      queue.push({ ...bounded(event), v: 1, at: now(), name, id: newId() } as ProgressEnvelope);
      while (queue.length > PROGRESS_QUEUE_MAX) {
        queue.shift();
        dropped++;
      }
      flush();
    },
    /** The page's connection changed (connected, back, replaced): listen on it and send what waited. */
    connectionChanged(): void {
      listen();
      flush();
    },
    /** Events waiting for the connection, and how many were dropped for space. */
    pending: () => ({ queued: queue.length, dropped }),
    close(): void {
      clearTimeout(timer);
      for (const s of listening?.subs ?? []) s.unsubscribe();
      listening = null;
    },
  };
}

export type SeatLine = ReturnType<typeof createSeatLine>;
