import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, inject, it } from "vitest";
import { createLaneMetrics } from "../../src/metrics/index.ts";
import { PlaygroundError } from "../../src/nats/errors.ts";
import { decodeTransaction, encodeTransaction, makeTransaction } from "../../src/nats/event.ts";
import { createSimpleProcessor, type SimpleConfig, type SimpleProcessor } from "../../src/nats/modes/simple.ts";
import { createNamespace } from "../../src/nats/namespace.ts";
import type { Delivery } from "../../src/nats/processor.ts";
import { defaultSettings } from "../../src/nats/settings.ts";

const wsUrl = inject("natsWsUrl");
const monitorUrl = inject("natsMonitorUrl");
const opened: SimpleProcessor[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.close()));
});

async function processor(extra: Partial<SimpleConfig> & { name: string }): Promise<SimpleProcessor> {
  const p = await createSimpleProcessor({
    connection: defaultSettings([wsUrl]),
    namespace: createNamespace(`t-${randomUUID().slice(0, 8)}`, "lab"),
    ...extra,
  });
  opened.push(p);
  return p;
}

/** The server's own count of messages it received from and sent to one named connection. */
async function serverCounts(clientName: string): Promise<{ in_msgs: number; out_msgs: number }> {
  const res = await fetch(`${monitorUrl}/connz?limit=4096`);
  const body = (await res.json()) as { connections: { name?: string; in_msgs: number; out_msgs: number }[] };
  const conn = body.connections.find((c) => c.name === clientName);
  if (!conn) throw new Error(`no connection named ${clientName} in /connz`);
  return { in_msgs: conn.in_msgs, out_msgs: conn.out_msgs };
}

const tx = (seq: number) => encodeTransaction(makeTransaction(seq, Date.now()));
const idsOf = (ds: Delivery[]) => ds.map((d) => decodeTransaction(d.data)?.id);

describe("simple mode (core NATS) over websocket", () => {
  it("publishes and receives with latency from the sent-at header", async () => {
    const metrics = createLaneMetrics(Date.now());
    const clientName = `simple-${randomUUID()}`;
    const p = await processor({ name: "core", metrics, clientName });
    expect(p.mode).toBe("simple");
    expect(p.subject).toMatch(/^lab\.t-[0-9a-f]{8}\.core\.events$/);
    const got: Delivery[] = [];
    const handle = await p.consume((d) => void got.push(d));
    for (let i = 1; i <= 100; i++) await p.publish(tx(i), { msgId: `tx-${i}` });
    await p.settle();
    expect(p.stats()).toEqual({ published: 100, received: 100, lost: 0 });
    expect(idsOf(got)).toEqual(Array.from({ length: 100 }, (_, i) => `tx-${i + 1}`));
    expect(got[0]?.msgId).toBe("tx-1");
    expect(got.every((d) => d.deliveryCount === 1 && d.latencyMs >= 0 && d.subject === p.subject)).toBe(true);
    const snap = metrics.snapshot(Date.now());
    expect(snap.counters).toMatchObject({ published: 100, delivered: 100, lost: 0, publishErrors: 0 });
    expect(snap.latency.count).toBe(100);
    // The server saw the same traffic: 100 in from this connection, 100 out to it.
    expect(await serverCounts(clientName)).toEqual({ in_msgs: 100, out_msgs: 100 });
    await handle.stop();
    expect(await handle.ended).toBeNull();
  });

  it("a queue group splits the messages between its members: each gets some, together all, none twice", async () => {
    const subject = `lab.q${randomUUID().slice(0, 8)}.work`;
    const a = await processor({ name: "a", subject, queue: "workers" });
    const b = await processor({ name: "b", subject, queue: "workers" });
    const producer = await processor({ name: "producer", subject });
    const gotA: Delivery[] = [];
    const gotB: Delivery[] = [];
    await a.consume((d) => void gotA.push(d));
    await b.consume((d) => void gotB.push(d));
    const total = 400;
    for (let i = 1; i <= total; i++) await producer.publish(tx(i));
    await producer.settle();
    await a.settle();
    await b.settle();
    expect(gotA.length).toBeGreaterThan(0);
    expect(gotB.length).toBeGreaterThan(0);
    expect(gotA.length + gotB.length).toBe(total);
    expect(new Set([...idsOf(gotA), ...idsOf(gotB)]).size).toBe(total);
    expect(a.stats().received + b.stats().received).toBe(total);
    console.info(`queue group split of ${total}: ${gotA.length} / ${gotB.length}`);
  });

  it("messages published while the subscriber is down are lost and counted as lost", async () => {
    const metrics = createLaneMetrics(Date.now());
    const clientName = `simple-lost-${randomUUID()}`;
    const p = await processor({ name: "core", metrics, clientName });
    const got: Delivery[] = [];
    const [before, whileDown, after] = [50, 30, 20];
    let seq = 0;
    const first = await p.consume((d) => void got.push(d));
    for (let i = 0; i < before; i++) await p.publish(tx(++seq));
    await p.settle();
    await first.stop();
    for (let i = 0; i < whileDown; i++) await p.publish(tx(++seq));
    await p.settle();
    expect(p.stats()).toEqual({ published: before + whileDown, received: before, lost: whileDown });
    const second = await p.consume((d) => void got.push(d));
    for (let i = 0; i < after; i++) await p.publish(tx(++seq));
    await p.settle();
    const expected = [
      ...Array.from({ length: before }, (_, i) => i + 1),
      ...Array.from({ length: after }, (_, i) => before + whileDown + i + 1),
    ];
    expect(idsOf(got)).toEqual(expected.map((n) => `tx-${n}`));
    expect(p.stats()).toEqual({ published: before + whileDown + after, received: before + after, lost: whileDown });
    expect(metrics.snapshot(Date.now()).counters).toMatchObject({ published: 100, delivered: 70, lost: whileDown });
    // The server agrees: it took in all 100 and delivered only 70; the other 30 had no subscriber.
    expect(await serverCounts(clientName)).toEqual({ in_msgs: 100, out_msgs: 70 });
    await second.stop();
  });

  it("a subscriber whose connection closes ends with the closed error; stop and close stay harmless", async () => {
    const p = await processor({ name: "core" });
    const handle = await p.consume(() => undefined);
    await p.connection.close();
    const reason = await handle.ended;
    expect(reason).toMatchObject({ kind: "closed", message: "The connection is closed: connect again to continue." });
    await handle.stop();
    await p.close();
  });

  it("an aborted publish fails and sends nothing", async () => {
    const clientName = `simple-abort-${randomUUID()}`;
    const p = await processor({ name: "core", clientName });
    const got: Delivery[] = [];
    await p.consume((d) => void got.push(d));
    const ctl = new AbortController();
    ctl.abort();
    const err = await p.publish(tx(1), { signal: ctl.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlaygroundError);
    expect(err).toMatchObject({ kind: "aborted", message: expect.stringMatching(/cancelled before it completed; nothing was sent/) });
    await p.settle();
    expect(p.stats()).toEqual({ published: 0, received: 0, lost: 0 });
    expect(got).toHaveLength(0);
    expect((await serverCounts(clientName)).in_msgs).toBe(0);
  });

  it("a payload over max_payload fails with both sizes, and the connection stays usable", async () => {
    const metrics = createLaneMetrics(Date.now());
    const p = await processor({ name: "core", metrics });
    const max = p.connection.info?.max_payload;
    expect(max).toBe(1024 * 1024); // docker/nats.conf: max_payload 1MB
    const got: Delivery[] = [];
    await p.consume((d) => void got.push(d));
    const tooBig = new Uint8Array(2 * 1024 * 1024);
    const err = (await p.publish(tooBig).catch((e: unknown) => e)) as PlaygroundError;
    expect(err.kind).toBe("payload-too-large");
    expect(err.message).toMatch(
      /^The message is 20971\d\d bytes \(2048(\.\d)? KiB\), but this server accepts at most 1048576 bytes \(1024 KiB\)/,
    );
    // Exactly max_payload of data no longer fits once the timestamp header is added: still refused, still both sizes.
    const edge = (await p.publish(new Uint8Array(1024 * 1024)).catch((e: unknown) => e)) as PlaygroundError;
    expect(edge.kind).toBe("payload-too-large");
    expect(edge.message).toContain("at most 1048576 bytes");
    expect(p.connection.isClosed()).toBe(false);
    const big = new Uint8Array(512 * 1024).fill(7);
    await p.publish(big);
    await p.publish(tx(1));
    await p.settle();
    expect(got.map((d) => d.data.length)).toEqual([big.length, tx(1).length]);
    expect(p.stats()).toEqual({ published: 2, received: 2, lost: 0 });
    expect(metrics.snapshot(Date.now()).counters).toMatchObject({ published: 2, publishErrors: 2 });
  });
});
