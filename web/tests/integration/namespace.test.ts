import { AckPolicy, jetstream, type JetStreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/nats-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openJetStream } from "../../src/nats/client.ts";
import { createNamespace, newParticipantId, type Namespace } from "../../src/nats/namespace.ts";
import { defaultSettings } from "../../src/nats/settings.ts";
import { DEFAULT_STREAM_MAX_AGE_MS, ensureStream, resetNamespace } from "../../src/nats/streams.ts";

const wsUrl = inject("natsWsUrl");
const monitorUrl = inject("natsMonitorUrl");
const LANES = ["js", "dedupe", "durable"] as const;
const MESSAGES_PER_STREAM = 3;

interface JszStream {
  name: string;
  state: { messages: number };
  consumer_detail?: { name: string }[];
}

/** Streams (with message and consumer names) the server reports for the given prefixes, from /jsz. */
async function jsz(prefixes: string[]): Promise<Map<string, { messages: number; consumers: string[] }>> {
  const res = await fetch(`${monitorUrl}/jsz?streams=true&consumers=true`);
  const body = (await res.json()) as { account_details?: { stream_detail?: JszStream[] }[] };
  const found = new Map<string, { messages: number; consumers: string[] }>();
  for (const s of (body.account_details ?? []).flatMap((a) => a.stream_detail ?? [])) {
    if (prefixes.some((p) => s.name.startsWith(p))) {
      found.set(s.name, { messages: s.state.messages, consumers: (s.consumer_detail ?? []).map((c) => c.name).sort() });
    }
  }
  return found;
}

async function streamNames(jsm: JetStreamManager, ns: Namespace): Promise<string[]> {
  const names: string[] = [];
  for await (const n of jsm.streams.names()) if (n.startsWith(ns.streamPrefix)) names.push(n);
  return names.sort();
}

describe("namespaces on a shared server", () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  // B's id is A's plus a dash: a prefix match that ignored the separator would take B down with A.
  const a = createNamespace(newParticipantId(Math.random, 8), "lab");
  const b = createNamespace(`${a.pid}-b`, "lab");

  beforeAll(async () => {
    ({ nc, jsm } = await openJetStream({ connection: defaultSettings([wsUrl]), namespace: a, name: "setup" }));
    const js = jetstream(nc);
    for (const ns of [a, b]) {
      for (const lane of LANES) {
        const stream = ns.stream(lane);
        await ensureStream(jsm, { name: stream, subjects: [ns.subject(lane, ">")] });
        await jsm.consumers.add(stream, { durable_name: ns.consumer(`${lane}-worker`), ack_policy: AckPolicy.Explicit });
        for (let i = 0; i < MESSAGES_PER_STREAM; i++) await js.publish(ns.subject(lane, "events"), `${ns.pid}-${i}`);
      }
    }
  });

  afterAll(async () => {
    await resetNamespace(jsm, b);
    await nc.close();
  });

  it("each namespace's streams carry its id, a max age, and its own consumer", async () => {
    expect(await streamNames(jsm, a)).toEqual(LANES.map((l) => a.stream(l)).sort());
    expect(await streamNames(jsm, b)).toEqual(LANES.map((l) => b.stream(l)).sort());
    const info = await jsm.streams.info(b.stream("js"));
    expect(info.config.subjects).toEqual([`lab.${b.pid}.js.>`]);
    expect(info.config.max_age).toBe(DEFAULT_STREAM_MAX_AGE_MS * 1_000_000);
    expect(info.state.messages).toBe(MESSAGES_PER_STREAM);
    const seen = await jsz([a.streamPrefix, b.streamPrefix]);
    expect(seen.size).toBe(2 * LANES.length);
    expect(seen.get(a.stream("durable"))).toEqual({ messages: MESSAGES_PER_STREAM, consumers: [a.consumer("durable-worker")] });
  });

  it("resetNamespace removes exactly A's streams and consumers; B's are untouched", async () => {
    const deleted = await resetNamespace(jsm, a);
    expect(deleted.sort()).toEqual(LANES.map((l) => a.stream(l)).sort());
    expect(await streamNames(jsm, a)).toEqual([]);
    expect(await streamNames(jsm, b)).toEqual(LANES.map((l) => b.stream(l)).sort());
    for (const lane of LANES) {
      const info = await jsm.streams.info(b.stream(lane));
      expect(info.state.messages).toBe(MESSAGES_PER_STREAM);
      const consumer = await jsm.consumers.info(b.stream(lane), b.consumer(`${lane}-worker`));
      expect(consumer.num_pending).toBe(MESSAGES_PER_STREAM);
    }
    // The server's monitoring view agrees: none of A left, all of B with its messages and consumers.
    const seen = await jsz([a.streamPrefix, b.streamPrefix]);
    expect([...seen.keys()].sort()).toEqual(LANES.map((l) => b.stream(l)).sort());
    for (const lane of LANES)
      expect(seen.get(b.stream(lane))).toEqual({ messages: MESSAGES_PER_STREAM, consumers: [b.consumer(`${lane}-worker`)] });
    // A second reset has nothing left to do.
    expect(await resetNamespace(jsm, a)).toEqual([]);
  });
});
