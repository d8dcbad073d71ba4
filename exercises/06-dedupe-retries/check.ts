import type { CheckHarness } from "../../web/src/exercises/checks/api.ts";

const PAYMENT_IDS = ["pay-1001", "pay-1002", "pay-1003", "pay-1004"];
const NANOS_PER_MS = 1_000_000;
const MIN_WINDOW_MS = 60_000;

/** The payment id inside a stored message, or null when it is not the JSON the exercise publishes. */
function paymentId(text: string): string | null {
  try {
    const id = (JSON.parse(text) as { id?: unknown }).id;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}

/** Runs the participant's code once, then looks at what the server really has. */
export default async function check(t: CheckHarness): Promise<void> {
  const name = t.stream("payments");
  await t.deleteStream(name);

  const outcome = await t.runMain();
  const stored = await t.storedMessages(name);

  await t.check(`stores each payment exactly once in ${name}`, () => {
    t.expect.equal(
      stored.map((m) => paymentId(m.text)),
      PAYMENT_IDS,
      "payment ids stored, in order",
    );
  });

  await t.check("every stored payment carries its id as Nats-Msg-Id", () => {
    t.expect.ok(stored.length > 0, `The stream ${name} stores nothing.`);
    t.expect.equal(
      stored.map((m) => m.msgId ?? null),
      stored.map((m) => paymentId(m.text)),
      "Nats-Msg-Id of each stored message (vs. the payment id inside it)",
    );
  });

  await t.check("keeps a duplicate window of at least one minute", async () => {
    const info = await t.streamInfo(name);
    t.expect.ok(info, `There is no stream named ${name}.`);
    const ms = (info.config.duplicate_window ?? 0) / NANOS_PER_MS;
    t.expect.ok(ms >= MIN_WINDOW_MS, `duplicate_window: expected at least ${MIN_WINDOW_MS / 1000} s, got ${ms / 1000} s`);
  });

  await t.check("returns how many retries the server rejected as duplicates", () => {
    t.expect.equal(t.returned(outcome), PAYMENT_IDS.length, "duplicates counted by main");
  });

  await t.check("rejects a late retry from another connection too", async () => {
    t.expect.ok(stored.length > 0, `The stream ${name} stores nothing to retry.`);
    const retry = PAYMENT_IDS[1] as string;
    const ack = await t.publish(t.subject("payments", "captured"), JSON.stringify({ id: retry, amount: 40 }), { msgID: retry });
    t.expect.equal(ack.duplicate, true, `PubAck.duplicate for a second "${retry}" sent by the checker`);
    const info = await t.streamInfo(name);
    t.expect.equal(info?.state.messages, stored.length, "messages in the stream after the checker's retry");
  });
}
