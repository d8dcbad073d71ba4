import { afterEach, describe, expect, inject, it } from "vitest";
import { createLaneMetrics, type LaneMetrics } from "../../src/metrics/index.ts";
import { PlaygroundError } from "../../src/nats/errors.ts";
import { decodeTransaction, encodeTransaction, makeTransaction, type Transaction } from "../../src/nats/event.ts";
import { createDedupeProcessor, type DedupeModeOptions, type DedupeProcessor } from "../../src/nats/modes/dedupe.ts";
import { createNamespace, newParticipantId } from "../../src/nats/namespace.ts";
import type { Delivery, ProcessorConfig, PublishResult } from "../../src/nats/processor.ts";
import { defaultSettings } from "../../src/nats/settings.ts";
import { until } from "./helpers.ts";

const wsUrl = inject("natsWsUrl");
const monitorUrl = inject("natsMonitorUrl");
const opened: DedupeProcessor[] = [];
afterEach(async () => {
  for (const p of opened.splice(0)) {
    await p.deleteConsumer().catch(() => undefined);
    await p.close();
  }
});

async function open(opts: DedupeModeOptions = {}): Promise<{ p: DedupeProcessor; metrics: LaneMetrics }> {
  const metrics = createLaneMetrics(Date.now());
  const cfg: ProcessorConfig = {
    connection: defaultSettings([wsUrl]),
    namespace: createNamespace(newParticipantId(Math.random, 10), "lab"),
    name: "dedupe",
    metrics,
  };
  const p = await createDedupeProcessor({ ...cfg, ...opts });
  opened.push(p);
  return { p, metrics };
}

const RETRIED = 250;
const TOTAL = 1_000;

/** 750 distinct transactions; every third one (250 of them) is sent again, unchanged, two events later. */
function workload(now: number): Transaction[] {
  const events: Transaction[] = [];
  const originals = TOTAL - RETRIED;
  for (let i = 0; i < originals; i++) {
    events.push(makeTransaction(i, now));
    if (i >= 2 && (i - 2) % 3 === 0) events.push(makeTransaction(i - 2, now));
  }
  return events;
}

async function publishAll(p: DedupeProcessor, events: Transaction[]): Promise<PublishResult[]> {
  const results: PublishResult[] = [];
  for (const t of events) results.push(await p.publish(encodeTransaction(t)));
  return results;
}

/** The stream's message count as the monitoring endpoint reports it. */
async function jszMessages(stream: string): Promise<number | undefined> {
  const jsz = (await (await fetch(`${monitorUrl}/jsz?streams=true`)).json()) as {
    account_details?: { stream_detail?: { name: string; state: { messages: number } }[] }[];
  };
  const all = (jsz.account_details ?? []).flatMap((a) => a.stream_detail ?? []);
  return all.find((s) => s.name === stream)?.state.messages;
}

async function consumeAll(p: DedupeProcessor, count: number): Promise<Delivery[]> {
  const got: Delivery[] = [];
  const handle = await p.consume((d) => {
    got.push(d);
  });
  await until(() => got.length >= count);
  await handle.stop();
  return got;
}

describe("dedupe mode against a real nats-server", () => {
  it("1,000 events with 250 retried IDs: the stream holds exactly 750 and 250 PubAcks say duplicate", async () => {
    const { p, metrics } = await open();
    const events = workload(Date.now());
    expect(events).toHaveLength(TOTAL);
    const started = Date.now();
    const results = await publishAll(p, events);
    console.info(`dedupe: ${TOTAL} publishes with PubAck in ${Date.now() - started} ms`);

    const duplicates = results.filter((r) => r.duplicate);
    expect(duplicates).toHaveLength(RETRIED);
    expect(new Set(duplicates.map((r) => r.msgId))).toEqual(new Set(Array.from({ length: RETRIED }, (_, k) => `tx-${3 * k}`)));
    const stored = new Map(results.filter((r) => !r.duplicate).map((r) => [r.msgId, r.seq]));
    expect(stored.size).toBe(TOTAL - RETRIED);
    expect([...stored.values()].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 750 }, (_, i) => i + 1));

    expect((await p.streamInfo()).state).toMatchObject({ messages: 750, last_seq: 750 });
    expect(await jszMessages(p.stream)).toBe(750);
    expect(metrics.snapshot(Date.now()).counters).toMatchObject({
      published: TOTAL,
      acked: TOTAL,
      stored: 750,
      duplicatesRejected: RETRIED,
      publishErrors: 0,
    });
  });

  it("accepts the same ID again once the duplicate window has expired", async () => {
    const windowMs = 500;
    const { p } = await open({ duplicateWindowMs: windowMs });
    expect((await p.streamInfo()).config.duplicate_window).toBe(windowMs * 1_000_000);
    const event = encodeTransaction(makeTransaction(42, Date.now()));
    const first = await p.publish(event);
    const storedAt = Date.now();
    expect(first).toMatchObject({ seq: 1, duplicate: false, msgId: "tx-42" });
    expect((await p.publish(event)).duplicate).toBe(true);

    let again: PublishResult | undefined;
    await until(async () => {
      await new Promise((r) => setTimeout(r, windowMs / 5));
      again = await p.publish(event);
      return !again.duplicate;
    }, 10 * windowMs);
    console.info(`dedupe: window ${windowMs} ms, same ID accepted again ${Date.now() - storedAt} ms after the original`);
    expect(Date.now() - storedAt).toBeGreaterThanOrEqual(windowMs);
    expect(again).toMatchObject({ duplicate: false, msgId: "tx-42" });
    expect((await p.streamInfo()).state.messages).toBe(2);
  });

  it("timestamp IDs (the seed's) store a retried event twice: the retry gets a new ID", async () => {
    const { p, metrics } = await open({ msgIdStrategy: "timestamp" });
    const events = workload(Date.now());
    const results = await publishAll(p, events);
    expect(results.filter((r) => r.duplicate)).toHaveLength(0);
    expect(new Set(results.map((r) => r.msgId)).size).toBe(TOTAL);
    expect((await p.streamInfo()).state.messages).toBe(TOTAL);
    expect(metrics.snapshot(Date.now()).counters).toMatchObject({ stored: TOTAL, duplicatesRejected: 0 });

    // Read back what was stored: every retried transaction is there twice, under two different IDs.
    const idsByTx = new Map<string, string[]>();
    for (const d of await consumeAll(p, TOTAL)) {
      const tx = decodeTransaction(d.data)?.id ?? "?";
      idsByTx.set(tx, [...(idsByTx.get(tx) ?? []), d.msgId ?? ""]);
    }
    const twice = [...idsByTx.values()].filter((ids) => ids.length === 2);
    expect(twice).toHaveLength(RETRIED);
    for (const [a, b] of twice) expect(a).not.toBe(b);
  });

  it('"none" (the seed\'s actual behaviour) sends no ID and rejects nothing', async () => {
    const { p, metrics } = await open({ msgIdStrategy: "none" });
    const results = await publishAll(p, workload(Date.now()));
    expect(results.every((r) => !r.duplicate && r.msgId === undefined)).toBe(true);
    expect((await p.streamInfo()).state.messages).toBe(TOTAL);
    expect(metrics.snapshot(Date.now()).counters.duplicatesRejected).toBe(0);
    const delivered = await consumeAll(p, TOTAL);
    expect(delivered.filter((d) => d.msgId !== undefined)).toHaveLength(0);
  });

  it("content-hash IDs reject an identical payload but not a changed one", async () => {
    const { p } = await open({ msgIdStrategy: "content-hash" });
    const fixed = new TextEncoder().encode("foobar");
    const a = await p.publish(fixed);
    expect(a).toMatchObject({ seq: 1, duplicate: false, msgId: "85944171f73967e8" }); // FNV-1a 64 test vector
    expect(await p.publish(fixed)).toMatchObject({ seq: 1, duplicate: true, msgId: "85944171f73967e8" });
    const tx = makeTransaction(7, Date.now());
    expect((await p.publish(encodeTransaction(tx))).duplicate).toBe(false);
    expect((await p.publish(encodeTransaction(tx))).duplicate).toBe(true);
    // Same business key, different bytes: a hash cannot tell it is the same event.
    expect((await p.publish(encodeTransaction({ ...tx, amountCents: tx.amountCents + 1 }))).duplicate).toBe(false);
    expect((await p.streamInfo()).state.messages).toBe(3);
  });

  it("business key falls back to the content hash for payloads that are not transactions", async () => {
    const { p } = await open();
    const r = await p.publish(new TextEncoder().encode("foobar"));
    expect(r.msgId).toBe("85944171f73967e8");
    expect((await p.publish(new TextEncoder().encode("foobar"))).duplicate).toBe(true);
  });

  it("business key: a passed msgId wins; otherwise the id comes from the payload, padded or not", async () => {
    const { p } = await open();
    const now = Date.now();
    const padded = encodeTransaction(makeTransaction(1, now), 128);
    expect(await p.publish(padded)).toMatchObject({ seq: 1, duplicate: false, msgId: "tx-1" });
    expect(await p.publish(encodeTransaction(makeTransaction(2, now)), { msgId: "producer-2" })).toMatchObject({
      seq: 2,
      duplicate: false,
      msgId: "producer-2",
    });
    // The same event again, read from the payload once more: a duplicate.
    expect(await p.publish(padded)).toMatchObject({ seq: 1, duplicate: true, msgId: "tx-1" });
    // JSON with spaces is still a transaction: decoded, same id.
    const spaced = new TextEncoder().encode(JSON.stringify(makeTransaction(3, now), null, 2));
    expect(await p.publish(spaced)).toMatchObject({ seq: 3, duplicate: false, msgId: "tx-3" });
    const got = await consumeAll(p, 3);
    expect(got.map((d) => [d.seq, d.msgId])).toEqual([
      [1, "tx-1"],
      [2, "producer-2"],
      [3, "tx-3"],
    ]);
    expect(got.every((d) => Number.isFinite(d.latencyMs) && d.latencyMs >= 0)).toBe(true);
  });

  it("refuses a duplicate window shorter than 100 ms or longer than the stream's max age", async () => {
    const short = await open({ duplicateWindowMs: 50 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(short).toBeInstanceOf(PlaygroundError);
    expect((short as PlaygroundError).message).toBe("The duplicate window must be at least 100 ms.");
    expect((short as PlaygroundError).kind).toBe("invalid-setting");
    const long = await open({ duplicateWindowMs: 5_000, maxAgeMs: 2_000 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((long as PlaygroundError).message).toBe("The duplicate window (5 s) cannot be longer than the stream's max age (2 s).");
    expect((long as PlaygroundError).kind).toBe("invalid-setting");
  });
});
