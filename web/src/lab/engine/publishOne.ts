import { explainError, type ErrorKind } from "../../nats/errors.ts";
import type { Namespace } from "../../nats/namespace.ts";
import type { Delivery } from "../../nats/processor.ts";
import { publishOneMessage } from "../../nats/publish-one.ts";
import type { ConnectionSettings } from "../../nats/settings.ts";
import type { LaneId } from "../contract/protocol.ts";
import {
  DELIVERY_WAIT_MS,
  fullSubject,
  publishOneProblems,
  type PublishOneField,
  type PublishOneRequest,
  type PublishOneResult,
} from "../contract/publishOne.ts";
import { sameBytes } from "./slow.ts";

/** What the engine lends: its connection settings and namespace, and the lanes listening now. */
export interface PublishOneDeps {
  target: () => { connection: ConnectionSettings; namespace: Namespace } | null;
  /** Running lanes: their subject and whether their consumer takes deliveries now. */
  lanes: () => { id: LaneId; subject: string; consuming: boolean }[];
  now: () => number;
}

const FIELD_OF: Partial<Record<ErrorKind, PublishOneField>> = {
  "invalid-subject": "subject",
  permission: "subject",
  "payload-too-large": "payload",
};

/**
 * "Publish one event" in the engine: checks the request as the form does, publishes on a connection
 * of its own (opened and closed for it), then watches the lanes' deliveries for those bytes on that
 * subject, so the result says which lanes received it.
 */
export function createOnePublisher(deps: PublishOneDeps) {
  const watches = new Set<(lane: LaneId, d: Delivery) => void>();

  const watchFor = (subject: string, data: Uint8Array, lanes: LaneId[]) => {
    const got = new Set<LaneId>();
    let done = () => {};
    const all = new Promise<void>((resolve) => (done = resolve));
    const watch = (lane: LaneId, d: Delivery) => {
      if (d.subject !== subject || !lanes.includes(lane) || !sameBytes(d.data, data)) return;
      got.add(lane);
      if (got.size === lanes.length) done();
    };
    watches.add(watch);
    if (lanes.length === 0) done();
    return {
      /** The lanes that received it within `ms`. */
      wait: async (ms: number): Promise<LaneId[]> => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([all, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
        clearTimeout(timer);
        watches.delete(watch);
        return lanes.filter((l) => got.has(l));
      },
      cancel: () => watches.delete(watch),
    };
  };

  return {
    /** Handed to every lane: sees each delivery (a no-op unless an event is being watched). */
    tap: (lane: LaneId, d: Delivery): void => {
      if (watches.size > 0) for (const w of watches) w(lane, d);
    },
    async publish(req: PublishOneRequest): Promise<PublishOneResult> {
      const payload = new TextEncoder().encode(req.payload);
      const base = { id: req.id, subject: req.subject, bytes: payload.length, deliveredTo: [], notDelivered: [], consumerStopped: [] };
      const target = deps.target();
      if (!target) return { ...base, error: { field: null, message: "The lab is not connected yet: connect first." } };
      const prefix = target.namespace.subject();
      const subject = fullSubject(req.subject, prefix);
      // The server's max_payload is checked on the connection itself, with the headers counted.
      const problems = publishOneProblems(req, prefix, undefined);
      const field = (Object.keys(problems) as PublishOneField[])[0];
      if (field) return { ...base, subject, error: { field, message: problems[field] as string } };
      const onSubject = deps.lanes().filter((l) => l.subject === subject);
      const listening = onSubject.filter((l) => l.consuming);
      const consumerStopped = onSubject.filter((l) => !l.consuming).map((l) => l.id);
      const watch = watchFor(
        subject,
        payload,
        listening.map((l) => l.id),
      );
      try {
        const ack = await publishOneMessage(target.connection, `${prefix}.publish-one`, {
          subject,
          data: payload,
          msgId: req.msgId || undefined,
          sentAt: deps.now(),
        });
        // A duplicate is not stored, so no consumer will get it: no need to wait.
        const deliveredTo = ack.duplicate ? (watch.cancel(), []) : await watch.wait(DELIVERY_WAIT_MS);
        const notDelivered = ack.duplicate ? [] : listening.map((l) => l.id).filter((l) => !deliveredTo.includes(l));
        return { ...base, subject, ...ack, deliveredTo, notDelivered, consumerStopped };
      } catch (err) {
        watch.cancel();
        const e = explainError(err);
        return { ...base, subject, error: { field: FIELD_OF[e.kind] ?? null, message: e.message } };
      }
    },
  };
}
