import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, inject, it } from "vitest";
import { headers, MsgHdrsImpl, type Msg, type MsgHdrs } from "@nats-io/nats-core";
import { createLaneMetrics } from "../../src/metrics/index.ts";
import { openConnection } from "../../src/nats/connection.ts";
import { rawOf } from "../../src/nats/consume.ts";
import { PlaygroundError } from "../../src/nats/errors.ts";
import { decodeTransaction, encodeTransaction, HDR_MSG_ID, HDR_SENT_AT, headerBytes, makeTransaction } from "../../src/nats/event.ts";
import { createSimpleProcessor, playgroundHeaders, type SimpleConfig, type SimpleProcessor } from "../../src/nats/modes/simple.ts";
import { createNamespace } from "../../src/nats/namespace.ts";
import type { Delivery } from "../../src/nats/processor.ts";
import { defaultSettings } from "../../src/nats/settings.ts";
import { until } from "./helpers.ts";

/** The bytes the client writes for these headers (encode() is on the class, not the MsgHdrs interface). */
const encoded = (h: MsgHdrs): Uint8Array => (h as MsgHdrsImpl).encode();

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

  it("reads message ID, latency and subject from headers other clients write: order, extra names, repeats, spaces, non-ASCII", async () => {
    const p = await processor({ name: "core" });
    const got: Delivery[] = [];
    await p.consume((d) => void got.push(d));
    const other = await openConnection(defaultSettings([wsUrl]), "other writer");
    // The bytes-only reading is what runs with this client: its messages keep the raw header block.
    let raw: ReturnType<typeof rawOf> | undefined;
    const seen = new Promise<void>((resolve) =>
      other.subscribe(p.subject, {
        max: 1,
        callback: (_err, m: Msg) => {
          raw = rawOf(m);
          resolve();
        },
      }),
    );
    await other.flush();
    try {
      const sentAt = Date.now() - 1_000;
      const first = headers();
      first.set("X-First", "a");
      first.set(HDR_MSG_ID, "m-1");
      first.set(HDR_SENT_AT, String(sentAt));
      first.append(HDR_MSG_ID, "m-repeated");
      other.publish(p.subject, tx(1), { headers: first });
      // Spaces around a value on the wire: the client's decode trims them, so does the scan.
      other.publish(p.subject, tx(2), {
        headers: MsgHdrsImpl.fromRecord({ [HDR_MSG_ID]: ["  spaced  "], [HDR_SENT_AT]: [` ${sentAt} `] }),
      });
      other.publish(p.subject, tx(3));
      other.publish(p.subject, tx(4), { headers: MsgHdrsImpl.fromRecord({ [HDR_MSG_ID]: ["ünï-😀"] }) });
      await other.flush();
      await p.publish(tx(5), { msgId: "tx-5" });
      await p.publish(tx(6));
      await seen;
      await until(() => got.length === 6);
    } finally {
      await other.close();
    }
    expect(raw).not.toBeNull();
    expect(got.map((d) => d.msgId)).toEqual(["m-1", "spaced", undefined, "ünï-😀", "tx-5", undefined]);
    expect(got.every((d) => d.subject === p.subject)).toBe(true);
    expect(got[0]?.latencyMs).toBeGreaterThanOrEqual(1_000);
    expect(got[1]?.latencyMs).toBeGreaterThanOrEqual(1_000);
    expect(got[2]?.latencyMs).toBeNaN();
    expect(got[3]?.latencyMs).toBeNaN();
    expect(got[4]?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(got[5]?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(idsOf(got)).toEqual(["tx-1", "tx-2", "tx-3", "tx-4", "tx-5", "tx-6"]);
  });

  it("the computed header size is what goes on the wire: a payload that fills max_payload exactly is sent, one byte more is refused", async () => {
    const p = await processor({ name: "core" });
    const max = p.connection.info?.max_payload ?? 0;
    const got: Delivery[] = [];
    await p.consume((d) => void got.push(d));
    for (const msgId of [undefined, "tx-1", "ünï"]) {
      const sentAt = String(Date.now());
      // The real encoding, for this clock's digits: what the client will count against max_payload.
      expect(headerBytes(sentAt, msgId)).toBe(encoded(playgroundHeaders(sentAt, msgId)).length);
      // 13 digits until the year 2286: the header is this long at publish time too.
      const fits = new Uint8Array(max - headerBytes(sentAt, msgId));
      await p.publish(fits, msgId === undefined ? {} : { msgId });
      const over = await p.publish(new Uint8Array(fits.length + 1), msgId === undefined ? {} : { msgId }).catch((e: unknown) => e);
      expect((over as PlaygroundError).kind).toBe("payload-too-large");
    }
    await p.settle();
    expect(got.map((d) => [d.data.length + headerBytes(String(Date.now()), d.msgId), d.msgId])).toEqual([
      [max, undefined],
      [max, "tx-1"],
      [max, "ünï"],
    ]);
  });
});
