import {
  ClosedConnectionError,
  headers,
  MsgHdrsImpl,
  PermissionViolationError,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
  type Subscription,
} from "@nats-io/nats-core";
import { openProcessorConnection } from "../client.ts";
import { createDeliveryReader, latencyOf } from "../consume.ts";
import { abortedError, explainError, payloadTooLargeError, PlaygroundError } from "../errors.ts";
import { HDR_MSG_ID, HDR_SENT_AT, headerBytes } from "../event.ts";
import { subjectProblem } from "../names.ts";
import type {
  ConsumerHandle,
  Delivery,
  DeliveryHandler,
  EventProcessor,
  ProcessorConfig,
  PublishOptions,
  PublishResult,
} from "../processor.ts";

/** settle() waits until no message arrived for this long… */
const SETTLE_QUIET_MS = 50;
/** …but never longer than this, so a steady stream from another publisher cannot hold it forever. */
const SETTLE_MAX_MS = 2_000;

export interface SimpleConfig extends ProcessorConfig {
  /** Subject to publish and subscribe on; default `<area>.<pid>.<name>.events`. */
  subject?: string;
  /** Queue group: subscribers in the same group share the messages instead of each getting all. */
  queue?: string;
  /** Messages waiting in the client before it reports a "slowConsumer" status (nats-core's `slow`). */
  slowPending?: number;
}

/** What this processor sent and got; `lost` is only exact after settle(). */
export interface SimpleStats {
  published: number;
  received: number;
  /** published − received (never negative): messages nobody was subscribed for, or still in flight. */
  lost: number;
}

/** Core NATS: fire-and-forget publish, subscribe (+ queue group), at-most-once, nothing kept. */
export interface SimpleProcessor extends EventProcessor {
  readonly mode: "simple";
  readonly queue: string | undefined;
  stats(): SimpleStats;
  /** Waits until messages in flight have arrived, then reports `lost` to the metrics. */
  settle(): Promise<void>;
  /** The last error the server reported asynchronously (e.g. a publish permission violation), or null. */
  lastError(): PlaygroundError | null;
}

function queueProblem(queue: string): string | null {
  if (queue === "" || /\s/.test(queue)) return `The queue group name "${queue}" must be a word without spaces, such as workers.`;
  return null;
}

/** A value the client would store as it is (headers().set() trims it and refuses CR or LF). */
const plainValue = (v: string) => !/[\r\n]/.test(v) && v.trim() === v;

/**
 * The playground's headers, built directly (one Map entry each) rather than through set(), which
 * checks the name, looks for an earlier value and tests the value per call. The same encoding.
 * A message ID the client would trim or refuse goes through set(), so it trims or refuses as before.
 */
export function playgroundHeaders(sentAt: string, msgId?: string): MsgHdrs {
  if (msgId && !plainValue(msgId)) {
    const h = headers();
    h.set(HDR_SENT_AT, sentAt);
    h.set(HDR_MSG_ID, msgId);
    return h;
  }
  return MsgHdrsImpl.fromRecord(msgId ? { [HDR_SENT_AT]: [sentAt], [HDR_MSG_ID]: [msgId] } : { [HDR_SENT_AT]: [sentAt] });
}

/** What every core publish resolves with when it carries no message ID: one shared, frozen result. */
const NO_ID: PublishResult = Object.freeze({ duplicate: false, msgId: undefined });

/** Opens its own connection; an invalid subject or queue is refused before anything reaches the server. */
export async function createSimpleProcessor(cfg: SimpleConfig): Promise<SimpleProcessor> {
  const subject = cfg.subject ?? cfg.namespace.subject(cfg.name, "events");
  const subjectIssue = subjectProblem(subject, { publish: true });
  if (subjectIssue) throw new PlaygroundError("invalid-subject", subjectIssue);
  const queueIssue = cfg.queue === undefined ? null : queueProblem(cfg.queue);
  if (queueIssue) throw new PlaygroundError("invalid-name", queueIssue);
  const now = cfg.now ?? Date.now;
  const metrics = cfg.metrics;
  const nc: NatsConnection = await openProcessorConnection(cfg);
  let published = 0;
  let received = 0;
  let lastError: PlaygroundError | null = null;
  let active: { sub: Subscription; handle: ConsumerHandle } | null = null;

  // Core publishes get no reply: a permission violation only comes back as an error status.
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type !== "error") continue;
      lastError = explainError(s.error);
      if (s.error instanceof PermissionViolationError && s.error.operation === "publish") metrics?.onPublishError();
    }
  })();

  const stats = (): SimpleStats => ({ published, received, lost: Math.max(0, published - received) });

  const read = createDeliveryReader();
  const deliver = async (m: Msg, handler: DeliveryHandler) => {
    const t = now();
    received++;
    const r = read(m);
    const d: Delivery = { subject: r.subject, data: m.data, msgId: r.msgId, deliveryCount: 1, latencyMs: latencyOf(r.sentAt, t) };
    metrics?.onDelivered(t, d.latencyMs, false);
    try {
      await handler(d);
    } catch {
      // Core NATS has no acks and cannot redeliver: whatever the handler failed to do stays undone.
    }
  };

  const consume = async (handler: DeliveryHandler): Promise<ConsumerHandle> => {
    if (active)
      throw new PlaygroundError("invalid-operation", "This processor already has a running subscriber: stop it before starting another.");
    let sub: Subscription;
    try {
      sub = nc.subscribe(subject, {
        ...(cfg.queue !== undefined && { queue: cfg.queue }),
        ...(cfg.slowPending !== undefined && { slow: cfg.slowPending }),
      });
      // The server must know the subscription before we say it runs, or the first messages miss it.
      await nc.flush();
    } catch (err) {
      throw explainError(err);
    }
    let stopping = false;
    const ended = (async (): Promise<PlaygroundError | null> => {
      try {
        for await (const m of sub) await deliver(m, handler);
      } catch (err) {
        if (!stopping) return explainError(err);
      }
      if (stopping) return null;
      return explainError(new ClosedConnectionError());
    })();
    const handle: ConsumerHandle = {
      ended,
      stop: async () => {
        stopping = true;
        // Drain so messages the server already sent are handled rather than dropped.
        await sub.drain().catch(() => sub.unsubscribe());
        await ended;
        if (active?.handle === handle) active = null;
      },
    };
    active = { sub, handle };
    void ended.then(() => {
      if (active?.handle === handle) active = null;
    });
    return handle;
  };

  // Not async: a failure still comes back as a rejected promise, but a publish costs no async frame,
  // and one without a message ID resolves with a shared result.
  const publish = (data: Uint8Array, opts?: PublishOptions): Promise<PublishResult> => {
    const signal = opts?.signal;
    if (signal?.aborted) return Promise.reject(abortedError(String(signal.reason ?? "")));
    const msgId = opts?.msgId;
    const t = now();
    const sentAt = String(t);
    const size = data.length + headerBytes(sentAt, msgId);
    const max = nc.info?.max_payload;
    if (max !== undefined && size > max) {
      metrics?.onPublishError();
      return Promise.reject(payloadTooLargeError(size, max));
    }
    try {
      nc.publish(subject, data, { headers: playgroundHeaders(sentAt, msgId) });
    } catch (err) {
      metrics?.onPublishError();
      return Promise.reject(explainError(err, { payloadBytes: size, maxPayloadBytes: max }));
    }
    published++;
    metrics?.onPublished(t);
    return Promise.resolve(msgId === undefined ? NO_ID : { duplicate: false, msgId });
  };

  const settle = async (): Promise<void> => {
    // Same connection, same order: once the server answers the flush, our own messages have arrived.
    if (!nc.isClosed()) await nc.flush().catch(() => undefined);
    const deadline = Date.now() + SETTLE_MAX_MS;
    let last = -1;
    while ((received !== last || (active?.sub.getPending() ?? 0) > 0) && Date.now() < deadline) {
      last = received;
      await new Promise((r) => setTimeout(r, SETTLE_QUIET_MS));
    }
    metrics?.setLost(stats().lost);
  };

  return {
    mode: "simple",
    subject,
    queue: cfg.queue,
    connection: nc,
    publish,
    consume,
    stats,
    settle,
    lastError: () => lastError,
    close: async () => {
      await active?.handle.stop();
      if (!nc.isClosed()) await nc.drain().catch(() => nc.close());
    },
  };
}
