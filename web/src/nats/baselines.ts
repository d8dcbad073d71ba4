// Bare client loops for the benchmark (npm run bench): the same operations the lab's lanes perform,
// with the same payloads, written as plainly as the client library allows: no metrics, no UI, no
// engine. A lane's throughput is reported as a ratio against these, measured in the same browser.
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JetStreamClient, type PubAck } from "@nats-io/jetstream";
import { headers, type NatsConnection } from "@nats-io/nats-core";
import { openConnection } from "./connection.ts";
import { encodeTransaction, HDR_SENT_AT, makeTransaction } from "./event.ts";
import type { ConnectionSettings } from "./settings.ts";

export const BASELINE_OPS = [
  "core",
  "js-sync",
  "js-async",
  "js-pipeline",
  "js-pipeline-dedupe",
  "durable-consume",
  "ordered-consume",
] as const;
export type BaselineOp = (typeof BASELINE_OPS)[number];

/** What each loop does, for the report. */
export const BASELINE_INFO: Record<BaselineOp, string> = {
  core: "core publish on one connection, subscribe on another, until all received",
  "js-sync": "JetStream publish, awaiting each PubAck before the next",
  "js-async": "JetStream publish with up to `window` PubAcks outstanding",
  "js-pipeline": "JetStream publish (window) + durable pull consumer on another connection, explicit ack, until all acked",
  "js-pipeline-dedupe": "as js-pipeline, with a Nats-Msg-Id on every publish (duplicate window 2 min)",
  "durable-consume": "durable pull consumer with explicit acks over a pre-filled stream",
  "ordered-consume": "ordered consumer over a pre-filled stream",
};

export interface BaselineOptions {
  settings: ConnectionSettings;
  /** Unique per run: subjects `<prefix>.events`, stream `<PREFIX>` (a fresh stream each run). */
  prefix: string;
  count: number;
  payloadBytes: number;
  /** PubAcks outstanding at once (the lab's lanes use 256). */
  window: number;
}

export interface BaselineResult {
  op: BaselineOp;
  count: number;
  /** From the first publish (or the first consume, for pre-filled streams) to the last message handled. */
  ms: number;
  perSecond: number;
}

const PULL_BATCH = 100;
/** The core loop fails, saying how many arrived, when not all have after this long. */
const CORE_LIMIT_MS = 60_000;

/** The i-th event (1-based), encoded when it is sent, as the lab's producer does. */
const payload = (i: number, bytes: number): Uint8Array => encodeTransaction(makeTransaction(i, Date.now()), bytes);

/** Publishes events 1..count with at most `window` PubAcks outstanding; resolves when all are acked. */
async function publishWindowed(
  js: JetStreamClient,
  subject: string,
  r: { count: number; payloadBytes: number },
  window: number,
  msgIds: boolean,
): Promise<void> {
  let next = 1;
  let failure: unknown = null;
  const lane = async () => {
    while (next <= r.count && failure === null) {
      const i = next++;
      const h = headers();
      h.set(HDR_SENT_AT, String(Date.now()));
      try {
        const ack: PubAck = await js.publish(
          subject,
          payload(i, r.payloadBytes),
          msgIds ? { msgID: `m-${i}`, headers: h } : { headers: h },
        );
        if (ack.duplicate) throw new Error(`message ${i} was rejected as a duplicate`);
      } catch (err) {
        failure = err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, r.count) }, lane));
  if (failure !== null) throw failure;
}

/** Runs one baseline loop; creates and deletes its own stream. */
export async function runBaseline(op: BaselineOp, opts: BaselineOptions): Promise<BaselineResult> {
  const subject = `${opts.prefix}.events`;
  const stream = opts.prefix.toUpperCase().replace(/[^A-Z0-9_-]/g, "_");
  const pub = await openConnection(opts.settings, `bench ${op} pub`);
  const sub = await openConnection(opts.settings, `bench ${op} sub`).catch(async (err: unknown) => {
    await pub.close();
    throw err;
  });
  const jsm = await jetstreamManager(pub);
  try {
    if (op !== "core") {
      await jsm.streams.add({
        name: stream,
        subjects: [subject],
        storage: "file",
        max_age: 2 * 60 * 60 * 1e9,
        duplicate_window: 2 * 60 * 1e9,
      });
    }
    const ms = await timed(op, { ...opts, subject, stream, pub, sub });
    return { op, count: opts.count, ms, perSecond: (opts.count / ms) * 1000 };
  } finally {
    if (op !== "core") await jsm.streams.delete(stream).catch(() => undefined);
    await Promise.all([pub.close(), sub.close()]);
  }
}

interface Run extends BaselineOptions {
  subject: string;
  stream: string;
  pub: NatsConnection;
  sub: NatsConnection;
}

async function timed(op: BaselineOp, r: Run): Promise<number> {
  const js = jetstream(r.pub);
  switch (op) {
    case "core": {
      let received = 0;
      let done = () => {};
      let giveUp: (err: Error) => void = () => {};
      const all = new Promise<void>((resolve, reject) => {
        done = resolve;
        giveUp = reject;
      });
      r.sub.subscribe(r.subject, {
        callback: () => {
          if (++received === r.count) done();
        },
      });
      await r.sub.flush();
      const t0 = performance.now();
      for (let i = 1; i <= r.count; i++) {
        const h = headers();
        h.set(HDR_SENT_AT, String(Date.now()));
        r.pub.publish(r.subject, payload(i, r.payloadBytes), { headers: h });
      }
      // Core NATS may drop messages (a slow consumer): say how many arrived rather than wait forever.
      const limit = setTimeout(
        () => giveUp(new Error(`core baseline: ${received} of ${r.count} messages arrived within ${CORE_LIMIT_MS / 1000} s`)),
        CORE_LIMIT_MS,
      );
      await all.finally(() => clearTimeout(limit));
      return performance.now() - t0;
    }
    case "js-sync": {
      const t0 = performance.now();
      for (let i = 1; i <= r.count; i++) {
        const h = headers();
        h.set(HDR_SENT_AT, String(Date.now()));
        await js.publish(r.subject, payload(i, r.payloadBytes), { headers: h });
      }
      return performance.now() - t0;
    }
    case "js-async": {
      const t0 = performance.now();
      await publishWindowed(js, r.subject, r, r.window, false);
      return performance.now() - t0;
    }
    case "js-pipeline":
    case "js-pipeline-dedupe": {
      const consumer = await startConsumer(r);
      const t0 = performance.now();
      await publishWindowed(js, r.subject, r, r.window, op === "js-pipeline-dedupe");
      await consumer.done;
      return performance.now() - t0;
    }
    case "durable-consume": {
      await publishWindowed(js, r.subject, r, r.window, false);
      const t0 = performance.now();
      await (
        await startConsumer(r)
      ).done;
      return performance.now() - t0;
    }
    case "ordered-consume": {
      await publishWindowed(js, r.subject, r, r.window, false);
      const t0 = performance.now();
      const consumer = await jetstream(r.sub).consumers.get(r.stream);
      const messages = await consumer.consume({ max_messages: PULL_BATCH * 5 });
      let received = 0;
      for await (const _m of messages) {
        if (++received === r.count) break;
      }
      return performance.now() - t0;
    }
  }
}

/** Starts a durable pull consumer acking every message explicitly; `done` resolves when `count` are acked. */
async function startConsumer(r: Run): Promise<{ done: Promise<void> }> {
  const durable = "bench";
  await jetstreamManager(r.sub).then((m) =>
    m.consumers.add(r.stream, { durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All }),
  );
  const consumer = await jetstream(r.sub).consumers.get(r.stream, durable);
  const messages = await consumer.consume({ max_messages: PULL_BATCH });
  const done = (async () => {
    let acked = 0;
    for await (const m of messages) {
      m.ack();
      if (++acked === r.count) break;
    }
    // The last acks must reach the server before the time is taken.
    await r.sub.flush();
  })();
  return { done };
}
