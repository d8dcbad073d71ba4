// The worker pool: one stream, one durable pull consumer, K consumer workers sharing it, each a Web
// Worker with its own connection (in Node, where there are no Web Workers, they run in-process). The
// server hands each message to one worker; an unacked one comes again after ack wait, maybe to another.
import { createDurableProcessor } from "../../../nats/modes/durable.ts";
import { MIN_PULL_EXPIRES_MS } from "../../../nats/modes/js-common.ts";
import { createPoolWorker, ROW_FIELDS, type PoolWorkerCommand, type PoolWorkerEvent } from "../../../nats/modes/pool-worker.ts";
import { streamView } from "../../../nats/inspect.ts";
import { SLOW_HANDLER_MS } from "../../contract/faults.ts";
import { MAX_POOL_WORKERS } from "../../contract/modes/pool.ts";
import type { WorkerView } from "../../contract/protocol.ts";
import { durableView } from "./durable.ts";
import { base, both, closeAll, type EngineMode } from "./shared.ts";

/** Messages one worker asks for at a time. */
const POOL_PULL_BATCH = 20;
/** How long a worker may take to connect before the lane reports it. */
const WORKER_START_MS = 15_000;

interface Port {
  post(cmd: PoolWorkerCommand): void;
  terminate(): void;
}

/** A Web Worker where there are Web Workers; the same logic in-process elsewhere. */
function spawn(onEvent: (e: PoolWorkerEvent) => void): Port {
  if (typeof Worker !== "undefined") {
    const w = new Worker(new URL("../../../nats/modes/pool-worker.entry.ts", import.meta.url), { type: "module", name: "pool-worker" });
    w.onmessage = (e: MessageEvent<PoolWorkerEvent>) => onEvent(e.data);
    w.onerror = (e) => onEvent({ type: "error", message: e.message || "The consumer worker stopped with an error." });
    return { post: (cmd) => w.postMessage(cmd), terminate: () => w.terminate() };
  }
  const inProcess = createPoolWorker((e) => queueMicrotask(() => onEvent(e)));
  return { post: (cmd) => queueMicrotask(() => inProcess.handle(cmd)), terminate: () => inProcess.handle({ type: "stop" }) };
}

/** Which stream sequences were acked, as bits: an event acked twice was processed twice. */
function ackedSet() {
  let bits = new Uint8Array(1024);
  return {
    /** Marks `seq` acked; true when it already was. */
    add(seq: number): boolean {
      if (seq <= 0) return false;
      const byte = seq >> 3;
      if (byte >= bits.length) {
        const grown = new Uint8Array(Math.max(bits.length * 2, byte + 1));
        grown.set(bits);
        bits = grown;
      }
      const mask = 1 << (seq & 7);
      const had = (bits[byte]! & mask) !== 0;
      bits[byte]! |= mask;
      return had;
    },
    clear: () => bits.fill(0),
  };
}

export const mode: EngineMode<"pool"> = {
  reportsOutcomes: true,
  async open(id, ctx) {
    const s = ctx.settings;
    const opts = { ackWaitMs: s.ackWaitMs, maxDeliver: -1, inactiveThresholdMs: s.inactiveThresholdMs };
    // The publisher, and a second connection that never consumes: it asks the server about the consumer.
    const [publisher, inspector] = await both((role) => createDurableProcessor({ ...base(ctx, id, role), ...opts }));
    // Small pulls: the server hands the next messages to whichever worker asks, so idle workers get work.
    const limits = { maxMessages: POOL_PULL_BATCH, expiresMs: Math.max(MIN_PULL_EXPIRES_MS, ctx.connection.reconnectWaitSeconds * 1000) };
    const acked = ackedSet();
    let processedTwice = 0;
    let acksPaused = false;
    let slowUntil = 0;
    /** Set while the lane consumes: the workers report to it (the lane's own handler is not called per delivery). */
    let consuming = false;
    let nextId = 1;
    interface Member {
      id: number;
      port: Port;
      view: WorkerView;
      samples: [number, number][];
      started: Promise<void>;
    }
    const members: Member[] = [];

    const onRows = (m: Member, e: Extract<PoolWorkerEvent, { type: "deliveries" }>) => {
      const t = ctx.now();
      for (let i = 0; i < e.rows.length; i += ROW_FIELDS) {
        const seq = e.rows[i]!;
        const count = e.rows[i + 1]!;
        const latency = e.rows[i + 2]!;
        const wasAcked = e.rows[i + 3] === 1;
        ctx.metrics.onDelivered(t, latency, count > 1);
        if (wasAcked) {
          ctx.metrics.onConsumerAck();
          if (acked.add(seq)) processedTwice++;
        }
      }
      m.view.delivered += e.rows.length / ROW_FIELDS;
      for (const r of e.recent) {
        const d = {
          subject: r.subject,
          data: new Uint8Array(),
          msgId: r.msgId || undefined,
          seq: r.seq,
          deliveryCount: r.deliveryCount,
          latencyMs: r.latencyMs,
        };
        ctx.observe(d, r.acked ? "acked" : "not-acked");
      }
    };

    const add = (): Member => {
      const id = nextId++;
      let resolveStarted!: () => void;
      let rejectStarted!: (e: Error) => void;
      const started = new Promise<void>((res, rej) => {
        resolveStarted = res;
        rejectStarted = rej;
      });
      const m: Member = {
        id,
        port: null as unknown as Port,
        view: { id, state: "starting", delivered: 0, perSecond: 0 },
        samples: [],
        started,
      };
      m.port = spawn((e) => {
        switch (e.type) {
          case "started":
            m.view.state = "running";
            return resolveStarted();
          case "deliveries":
            return onRows(m, e);
          case "error":
            m.view = { ...m.view, state: "error", error: e.message };
            return rejectStarted(new Error(e.message));
          case "stopped":
            if (m.view.state !== "error") m.view.state = "stopped";
            return resolveStarted();
        }
      });
      m.port.post({
        type: "start",
        connection: ctx.connection,
        clientName: `${ctx.namespace.area}.${ctx.namespace.pid}.${id}.worker-${m.id}`,
        stream: inspector.stream,
        durable: inspector.durable,
        workMs: s.workMs,
        acksPaused,
        slowUntil,
        slowMs: SLOW_HANDLER_MS,
        ...limits,
      });
      members.push(m);
      return m;
    };

    const waitStarted = async (ms: Member[]) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_, rej) => {
        timer = setTimeout(
          () => rej(new Error(`The consumer workers did not connect within ${WORKER_START_MS / 1000} s.`)),
          WORKER_START_MS,
        );
      });
      try {
        await Promise.race([Promise.all(ms.map((m) => m.started)), late]);
      } finally {
        clearTimeout(timer);
      }
    };

    const stopAll = async () => {
      const leaving = members.splice(0);
      for (const m of leaving) m.port.post({ type: "stop" });
      // Give each worker a moment to ack what it holds and close its connection, then end its thread.
      await new Promise((r) => setTimeout(r, 200));
      for (const m of leaving) m.port.terminate();
    };

    return {
      publisher,
      consumer: inspector,
      stream: inspector.stream,
      consumerCreated: publisher.consumerCreated || inspector.consumerCreated,
      async start() {
        consuming = true;
        // It existed when the lane opened: having to create it now means the server deleted it meanwhile.
        const created = await inspector.ensureConsumer();
        if (created) acked.clear();
        const count = Math.min(MAX_POOL_WORKERS, Math.max(1, s.workers));
        const ms = Array.from({ length: count }, add);
        try {
          await waitStarted(ms);
        } catch (err) {
          await stopAll();
          throw err;
        }
        return created;
      },
      stop: async () => {
        consuming = false;
        await stopAll();
      },
      inspect: async () => ({
        stream: streamView(await inspector.streamInfo()),
        consumer: durableView(await inspector.consumerInfo()),
        atMaxDeliver: 0,
      }),
      close: async () => {
        await stopAll();
        await closeAll(publisher, inspector);
      },
      workers: {
        view(now) {
          return members.map((m) => {
            m.samples.push([now, m.view.delivered]);
            while (m.samples.length > 1 && now - m.samples[0]![0] > 1_000) m.samples.shift();
            const first = m.samples[0]!;
            const span = now - first[0];
            const perSecond = span >= 500 ? Math.round(((m.view.delivered - first[1]) * 1000) / span) : m.view.perSecond;
            m.view = { ...m.view, perSecond };
            return { ...m.view };
          });
        },
        async add() {
          if (members.length >= MAX_POOL_WORKERS || !consuming) return;
          await waitStarted([add()]);
        },
        async remove() {
          const m = members.pop();
          if (!m) return;
          m.port.post({ type: "stop" });
          await new Promise((r) => setTimeout(r, 200));
          m.port.terminate();
        },
        configure(c) {
          acksPaused = c.acksPaused;
          slowUntil = c.slowUntil;
          for (const m of members) m.port.post({ type: "configure", ...c });
        },
        reconnect: async () => {
          for (const m of members) m.port.post({ type: "reconnect" });
        },
        processedTwice: () => processedTwice,
      },
    };
  },
};
