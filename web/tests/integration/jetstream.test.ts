import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { headers, nanos } from "@nats-io/nats-core";
import { afterEach, describe, expect, inject, it } from "vitest";
import { startNats, type NatsServer } from "../../../scripts/nats/launcher.ts";
import { createLaneMetrics } from "../../src/metrics/index.ts";
import { PlaygroundError } from "../../src/nats/errors.ts";
import { decodeTransaction, encodeTransaction, HDR_SENT_AT, makeTransaction } from "../../src/nats/event.ts";
import { createJetStreamProcessor, type JetStreamModeOptions, type JetStreamProcessor } from "../../src/nats/modes/jetstream.ts";
import { createNamespace, newParticipantId } from "../../src/nats/namespace.ts";
import type { Delivery, ProcessorConfig } from "../../src/nats/processor.ts";
import { defaultSettings, type ConnectionSettings } from "../../src/nats/settings.ts";
import { until } from "./helpers.ts";

const wsUrl = inject("natsWsUrl");
const cleanups: (() => Promise<unknown>)[] = [];
async function runCleanups(): Promise<void> {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
}
afterEach(runCleanups);

const config = (settings: Partial<ConnectionSettings> = {}): ProcessorConfig => ({
  connection: { ...defaultSettings([wsUrl]), ...settings },
  namespace: createNamespace(newParticipantId(Math.random, 10), "lab"),
  name: "js",
});

/** Opens a processor and deletes its stream (and so its consumer) after the test. */
async function open(cfg: ProcessorConfig & JetStreamModeOptions): Promise<JetStreamProcessor> {
  const p = await createJetStreamProcessor(cfg);
  cleanups.push(async () => {
    if (!p.connection.isClosed()) await p.deleteConsumer().catch(() => undefined);
    await p.close();
  });
  return p;
}

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => new Error("expected a failure"),
    (e: unknown) => e,
  );

describe("jetstream mode against a real nats-server", () => {
  it("creates a client: stream and durable consumer exist on the server", async () => {
    const cfg = config();
    const p = await open(cfg);
    expect(p.mode).toBe("jetstream");
    expect(p.subject).toBe(cfg.namespace.subject("js", "events"));
    const si = await p.streamInfo();
    expect(si.config.name).toBe(cfg.namespace.stream("js"));
    expect(si.config.subjects).toEqual([p.subject]);
    expect(si.config.storage).toBe("file");
    const ci = await p.consumerInfo();
    expect(ci.name).toBe(cfg.namespace.consumer("js"));
    expect(ci.config.ack_policy).toBe("explicit");
  });

  it("publishes 100 messages with PubAcks and the consumer sequence reaches 100", async () => {
    const cfg = { ...config(), metrics: createLaneMetrics(Date.now()) };
    const p = await open(cfg);
    const seqs: number[] = [];
    for (let i = 1; i <= 100; i++) {
      const r = await p.publish(encodeTransaction(makeTransaction(i, Date.now())));
      expect(r.duplicate).toBe(false);
      seqs.push(r.seq ?? 0);
    }
    expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect((await p.consumerInfo()).num_pending).toBe(100);
    expect(cfg.metrics.snapshot(Date.now()).counters.pending).toBe(100);

    const received: number[] = [];
    const handle = await p.consume((d) => {
      received.push(d.seq ?? 0);
    });
    await until(async () => (await p.consumerInfo()).ack_floor.stream_seq === 100);
    await handle.stop();
    expect(received).toEqual(seqs);
    const ci = await p.consumerInfo();
    expect(ci.delivered).toMatchObject({ consumer_seq: 100, stream_seq: 100 });
    expect(ci.ack_floor).toMatchObject({ consumer_seq: 100, stream_seq: 100 });
    expect(ci.num_pending).toBe(0);
    expect(ci.num_ack_pending).toBe(0);
    expect((await p.streamInfo()).state.messages).toBe(100);
    const c = cfg.metrics.snapshot(Date.now()).counters;
    expect(c).toMatchObject({ published: 100, acked: 100, stored: 100, delivered: 100, consumerAcked: 100, pending: 0 });
    expect(cfg.metrics.snapshot(Date.now()).latency.count).toBe(100);
  });

  it("deliveries carry the message ID, sequence and latency from the headers, also beside other headers", async () => {
    const p = await open(config());
    const now = Date.now();
    expect(await p.publish(encodeTransaction(makeTransaction(1, now), 128), { msgId: "m-1" })).toMatchObject({ seq: 1, msgId: "m-1" });
    expect(await p.publish(encodeTransaction(makeTransaction(2, now)))).toMatchObject({ seq: 2, msgId: undefined });
    // Another client's headers: an extra name first, the sent-at later, the ID through the client's msgID option.
    const h = headers();
    h.set("X-Other", "x");
    h.set(HDR_SENT_AT, String(now - 1_000));
    await jetstream(p.connection).publish(p.subject, encodeTransaction(makeTransaction(3, now)), { headers: h, msgID: "m-3" });
    const got: Delivery[] = [];
    const handle = await p.consume((d) => void got.push(d));
    await until(() => got.length === 3);
    await handle.stop();
    expect(got.map((d) => [d.seq, d.msgId, d.subject, d.deliveryCount])).toEqual([
      [1, "m-1", p.subject, 1],
      [2, undefined, p.subject, 1],
      [3, "m-3", p.subject, 1],
    ]);
    expect(got.map((d) => decodeTransaction(d.data)?.id)).toEqual(["tx-1", "tx-2", "tx-3"]);
    expect(got.slice(0, 2).every((d) => d.latencyMs >= 0 && Number.isFinite(d.latencyMs))).toBe(true);
    expect(got[2]?.latencyMs).toBeGreaterThanOrEqual(1_000);
  });

  it("fails on an invalid URL with a clear message", async () => {
    const bad = await errorOf(createJetStreamProcessor({ ...config(), connection: defaultSettings(["localhost:9222"]) }));
    expect(bad).toBeInstanceOf(PlaygroundError);
    expect((bad as PlaygroundError).message).toMatch(/Add the scheme: ws:\/\/localhost:9222/);
    const nobody = await errorOf(createJetStreamProcessor({ ...config(), connection: defaultSettings(["ws://127.0.0.1:1"]) }));
    expect((nobody as PlaygroundError).kind).toBe("unreachable");
    expect((nobody as PlaygroundError).message).toMatch(/Could not open a NATS websocket at ws:\/\/127\.0\.0\.1:1/);
  });

  it("fails on missing config with a clear message", async () => {
    const noServers = await errorOf(createJetStreamProcessor({ ...config(), connection: defaultSettings([]) }));
    expect(noServers).toBeInstanceOf(PlaygroundError);
    expect((noServers as PlaygroundError).message).toMatch(/Enter a server URL/);
    const noSubject = await errorOf(createJetStreamProcessor({ ...config(), subject: "" }));
    expect((noSubject as PlaygroundError).kind).toBe("invalid-subject");
    expect((noSubject as PlaygroundError).message).toMatch(/The subject is empty/);
  });

  it("fails an aborted publish without sending anything", async () => {
    const cfg = { ...config(), metrics: createLaneMetrics(Date.now()) };
    const p = await open(cfg);
    const ac = new AbortController();
    ac.abort();
    const err = await errorOf(p.publish(encodeTransaction(makeTransaction(1, Date.now())), { signal: ac.signal }));
    expect((err as PlaygroundError).kind).toBe("aborted");
    expect((err as PlaygroundError).message).toMatch(/nothing was sent/);
    expect((await p.streamInfo()).state.messages).toBe(0);
    expect(cfg.metrics.snapshot(Date.now()).counters).toMatchObject({ published: 0, publishErrors: 1 });
  });

  it("an abort while the PubAck is outstanding says the message may be stored", async () => {
    const p = await open(config());
    const ac = new AbortController();
    const pending = p.publish(new Uint8Array([1]), { signal: ac.signal });
    ac.abort();
    const err = await errorOf(pending);
    expect((err as PlaygroundError).kind).toBe("aborted");
    expect((err as PlaygroundError).message).toMatch(/already sent and may have been stored/);
    await until(async () => (await p.streamInfo()).state.messages === 1);
  });

  it("a publish after the stream was deleted says so instead of blaming JetStream", async () => {
    const p = await open(config());
    const jsm = await jetstreamManager(p.connection);
    await jsm.streams.delete(p.stream);
    const err = await errorOf(p.publish(new Uint8Array([1])));
    expect((err as PlaygroundError).message).toBe(
      `No stream stores ${p.subject} any more: it was deleted (a namespace reset removes it). Open the processor again to recreate it.`,
    );
  });

  it("refuses a payload over max_payload and stays usable", async () => {
    const p = await open(config());
    const max = p.connection.info?.max_payload ?? 0;
    expect(max).toBe(1024 * 1024);
    const err = await errorOf(p.publish(new Uint8Array(max + 1)));
    expect((err as PlaygroundError).kind).toBe("payload-too-large");
    expect((err as PlaygroundError).message).toContain(
      `The message is ${max + 1} bytes (1024 KiB), but this server accepts at most ${max} bytes (1024 KiB) per message (its max_payload)`,
    );
    expect((await p.publish(new Uint8Array(10))).seq).toBe(1);
  });

  it("create-or-update is idempotent; a conflicting existing stream is a clear error", async () => {
    const cfg = config();
    const first = await open(cfg);
    await first.publish(new Uint8Array([1]));
    const second = await open(cfg);
    expect((await second.streamInfo()).state.messages).toBe(1);
    expect((await second.consumerInfo()).config).toMatchObject((await first.consumerInfo()).config);

    const memCfg = { ...config(), storage: "memory" as const };
    await open(memCfg);
    const conflict = await errorOf(createJetStreamProcessor({ ...memCfg, storage: "file" }));
    expect(conflict).toBeInstanceOf(PlaygroundError);
    expect((conflict as PlaygroundError).kind).toBe("stream-conflict");
    expect((conflict as PlaygroundError).message).toMatch(/already exists with memory storage, but file storage was asked for/);
  });

  it("uses the seed's consumer defaults, and overrides update the existing consumer", async () => {
    const cfg = config();
    const p = await open(cfg);
    const waitMs = cfg.connection.reconnectWaitSeconds * 1000;
    expect(waitMs).toBe(5_000);
    expect((await p.consumerInfo()).config).toMatchObject({
      max_batch: 100,
      max_bytes: 1_048_576,
      max_expires: nanos(waitMs),
      inactive_threshold: nanos(2 * waitMs),
    });
    const overrides = { maxRequestBatch: 10, maxRequestMaxBytes: 4096, maxRequestExpiresMs: 2_000, inactiveThresholdMs: 60_000 };
    const again = await open({ ...cfg, consumer: overrides });
    expect((await again.consumerInfo()).config).toMatchObject({
      max_batch: 10,
      max_bytes: 4096,
      max_expires: nanos(2_000),
      inactive_threshold: nanos(60_000),
    });
  });
});

describe("jetstream mode across a nats-server crash", () => {
  let server: NatsServer | undefined;
  let storeDir = "";
  afterEach(async () => {
    // Inner hooks run first: close the processor while its server still answers.
    await runCleanups();
    await server?.stop();
    rmSync(storeDir, { recursive: true, force: true });
  });

  it("JetStream with file storage survives a nats-server restart with no message lost", async () => {
    storeDir = mkdtempSync(path.join(os.tmpdir(), "js-restart-"));
    server = await startNats({ storeDir });
    const total = 300;
    const cfg = {
      ...config({ servers: [server.wsUrl], reconnectWaitSeconds: 1, maxReconnects: 60 }),
      consumer: { inactiveThresholdMs: 120_000 },
    };
    const p = await open(cfg);
    const acked: number[] = [];
    for (let i = 1; i <= total; i++) acked.push((await p.publish(encodeTransaction(makeTransaction(i, Date.now())))).seq ?? 0);

    let reconnected = false;
    void (async () => {
      for await (const s of p.connection.status()) if (s.type === "reconnect") reconnected = true;
    })();
    await server.kill();
    const downAt = Date.now();
    await server.restart();
    await until(() => reconnected);
    const si = await p.streamInfo();
    console.info(`restart: ${total} acked before SIGKILL, back after ${Date.now() - downAt} ms, stream holds ${si.state.messages}`);
    expect(si.state).toMatchObject({ messages: total, first_seq: 1, last_seq: total });
    // The durable consumer is file-backed too: it is still there, with everything pending.
    expect((await p.consumerInfo()).num_pending).toBe(total);

    const received: number[] = [];
    const handle = await p.consume((d) => {
      received.push(d.seq ?? 0);
    });
    await until(() => received.length >= total);
    await handle.stop();
    expect(received).toEqual(acked);
    await until(async () => (await p.consumerInfo()).ack_floor.stream_seq === total);
  });
});
