import { headers } from "@nats-io/nats-core";
import { afterEach, describe, expect, inject, it } from "vitest";
import { decodeTransaction, encodeTransaction, HDR_MSG_ID, makeTransaction } from "../../../src/nats/event.ts";
import { createDedupeProcessor, type DedupeProcessor } from "../../../src/nats/modes/dedupe.ts";
import { createNamespace, newParticipantId } from "../../../src/nats/namespace.ts";
import { defaultSettings } from "../../../src/nats/settings.ts";
import { createLedger } from "../../support/ledger.ts";
import { until } from "../helpers.ts";

// Fault 3: a publish whose PubAck never comes back (the client times out) and is retried with the
// same Nats-Msg-Id; and the edges of a short duplicate window.

const wsUrl = inject("natsWsUrl");
const opened: DedupeProcessor[] = [];
afterEach(async () => {
  for (const p of opened.splice(0)) {
    await p.deleteConsumer().catch(() => undefined);
    await p.close();
  }
});

async function open(duplicateWindowMs?: number): Promise<DedupeProcessor> {
  const p = await createDedupeProcessor({
    connection: defaultSettings([wsUrl]),
    namespace: createNamespace(newParticipantId(Math.random, 10), "lab"),
    name: "retry",
    msgIdStrategy: "business-key",
    ...(duplicateWindowMs !== undefined && { duplicateWindowMs }),
  });
  opened.push(p);
  return p;
}

/**
 * The first attempt's PubAck is lost on its way back: the message goes out as a JetStream publish
 * whose reply subject nobody listens on, exactly what a client that timed out has in hand.
 */
function publishWithLostAck(p: DedupeProcessor, data: Uint8Array, msgId: string): Promise<void> {
  const h = headers();
  h.set(HDR_MSG_ID, msgId);
  p.connection.publish(p.subject, data, { headers: h, reply: `_INBOX.lost.${msgId}` });
  return p.connection.flush();
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("fault: a publish times out and is retried with the same message ID", () => {
  it("100 events whose first PubAck is lost: each stored exactly once, every retry's PubAck says duplicate", async () => {
    const p = await open();
    const ledger = createLedger();
    for (let i = 1; i <= 100; i++) {
      const event = makeTransaction(i, 1_700_000_000_000);
      await publishWithLostAck(p, encodeTransaction(event), event.id);
      ledger.record(event.id, "error"); // the client saw a timeout
      const retry = await p.publish(encodeTransaction(event));
      ledger.record(event.id, retry.duplicate ? "duplicate-ack" : "ack");
      expect(retry).toMatchObject({ duplicate: true, msgId: event.id });
    }
    const info = await p.streamInfo();
    expect(info.state.messages).toBe(100);
    const ids: string[] = [];
    const handle = await p.consume((d) => {
      ids.push(decodeTransaction(d.data)?.id ?? "?");
    });
    await until(() => ids.length >= 100);
    await handle.stop();
    const c = ledger.classify(ids);
    expect(c).toMatchObject({ events: 100, acked: 100, lost: 0, duplicated: 0, unknown: 0, phantom: 0, attempts: 200 });
  });

  it("a 2 s duplicate window: the same ID is rejected 1.5 s after the original and accepted 2.6 s after it", async () => {
    const p = await open(2_000);
    const data = encodeTransaction(makeTransaction(1, 1_700_000_000_000));
    const original = await p.publish(data);
    const sentAt = Date.now();
    expect(original.duplicate).toBe(false);

    await wait(1_500 - (Date.now() - sentAt));
    const inside = await p.publish(data);
    expect(inside).toMatchObject({ duplicate: true, seq: original.seq });

    await wait(2_600 - (Date.now() - sentAt));
    const after = await p.publish(data);
    expect(after.duplicate).toBe(false);
    expect(after.seq).toBe((original.seq ?? 0) + 1);
    expect((await p.streamInfo()).state.messages).toBe(2);
  });
});
