import {
  ClosedConnectionError,
  headers,
  PermissionViolationError,
  type Msg,
  type NatsConnection,
  type Subscription,
} from "@nats-io/nats-core";
import { openProcessorConnection } from "../client.ts";
import { latencyOf } from "../consume.ts";
import { abortedError, explainError, payloadTooLargeError, PlaygroundError } from "../errors.ts";
import { HDR_MSG_ID, HDR_SENT_AT } from "../event.ts";
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
/** "NATS/1.0\r\n" before the header lines and "\r\n" after them, as the client writes them. */
const HEADER_FRAME_BYTES = 12;

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

/** Bytes the client will put on the wire for these header values (it refuses anything above max_payload). */
function headerBytes(values: Record<string, string>): number {
  let n = HEADER_FRAME_BYTES;
  for (const [k, v] of Object.entries(values)) n += k.length + v.length + 4; // "k: v\r\n"
  return n;
}

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

  const deliver = async (m: Msg, handler: DeliveryHandler) => {
    const t = now();
    received++;
    const d: Delivery = {
      subject: m.subject,
      data: m.data,
      msgId: m.headers?.get(HDR_MSG_ID) || undefined,
      deliveryCount: 1,
      latencyMs: latencyOf(m.headers?.get(HDR_SENT_AT), t),
    };
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

  const publish = async (data: Uint8Array, opts: PublishOptions = {}): Promise<PublishResult> => {
    if (opts.signal?.aborted) throw abortedError(String(opts.signal.reason ?? ""));
    const t = now();
    const values: Record<string, string> = { [HDR_SENT_AT]: String(t) };
    if (opts.msgId) values[HDR_MSG_ID] = opts.msgId;
    const size = data.length + headerBytes(values);
    const max = nc.info?.max_payload;
    if (max !== undefined && size > max) {
      metrics?.onPublishError();
      throw payloadTooLargeError(size, max);
    }
    const h = headers();
    for (const [k, v] of Object.entries(values)) h.set(k, v);
    try {
      nc.publish(subject, data, { headers: h });
    } catch (err) {
      metrics?.onPublishError();
      throw explainError(err, { payloadBytes: size, maxPayloadBytes: max });
    }
    published++;
    metrics?.onPublished(t);
    return { duplicate: false, msgId: opts.msgId };
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
