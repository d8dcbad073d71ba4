import type { CheckHarness, MainOutcome } from "../../web/src/exercises/checks/api.ts";

const PAYMENT_IDS = ["pay-1001", "pay-1002", "pay-1003", "pay-1004"];
/** Each payment is sent once, then retried once, in every run of main. */
const ATTEMPTS = 2;
const NANOS_PER_MS = 1_000_000;
/** README step 1 asks for exactly this window; the server's default (2 minutes) is not it. */
const WINDOW_MS = 60_000;
const SERVER_DEFAULT_WINDOW_MS = 2 * WINDOW_MS;

/** The payment id inside a message, or null when it is not the JSON the exercise publishes. */
function paymentId(text: string): string | null {
  try {
    const id = (JSON.parse(text) as { id?: unknown }).id;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}

const seconds = (ms: number) => `${Math.round(ms) / 1000} s`;

/**
 * Runs the participant's code twice: run 1 sends every payment and its retry; run 2 is the same
 * publisher restarted (a new process that cannot know what was stored) sending everything again.
 * Between the two, the checker watches every publish reach the server and reads the stream back.
 */
export default async function check(t: CheckHarness): Promise<void> {
  const name = t.stream("payments");
  const subject = t.subject("payments", "captured");
  await t.deleteStream(name);

  // Every publish on the stream's subjects, as the server routed it: what main really sent.
  const seen = t.collect(t.subject("payments", ">"));
  await t.nc.flush();

  const outcome1 = await t.runMain();
  // main awaited its PubAcks, so the server has already routed its publishes: the flush's answer comes after them.
  await t.nc.flush();
  const sent1 = seen.messages.slice();
  const stored1 = await t.storedMessages(name);

  const outcome2 = await t.restartMain().finished;
  await t.nc.flush();
  const sent2 = seen.messages.slice(sent1.length);
  seen.stop();
  const stored2 = await t.storedMessages(name);
  const lastSeq1 = stored1.at(-1)?.seq ?? 0;
  const storedByRun2 = stored2.filter((m) => m.seq > lastSeq1);

  await t.check(`stores each payment exactly once in ${name}`, () => {
    t.expect.equal(
      stored1.map((m) => paymentId(m.text)),
      PAYMENT_IDS,
      "payment ids stored, in order",
    );
  });

  await t.check("every stored payment carries its id as Nats-Msg-Id", () => {
    t.expect.ok(stored1.length > 0, `The stream ${name} stores nothing.`);
    t.expect.equal(
      stored1.map((m) => m.msgId ?? null),
      stored1.map((m) => paymentId(m.text)),
      "Nats-Msg-Id of each stored message (vs. the payment id inside it)",
    );
  });

  await t.check(`sends every retry to JetStream: ${ATTEMPTS} publishes per payment, each asking for a PubAck`, () => {
    for (const id of PAYMENT_IDS) {
      const attempts = sent1.filter((m) => paymentId(m.text) === id);
      t.expect.equal(
        attempts.length,
        ATTEMPTS,
        `publishes of ${id} the server received from run 1 (keep the starter's second attempt: only a retry that reaches the server can be rejected by it)`,
      );
      t.expect.ok(
        attempts.every((m) => m.reply),
        `${id} was published without asking for an acknowledgement (nc.publish?): publish with js.publish, whose PubAck says whether it was a duplicate.`,
      );
    }
  });

  await t.check("keeps a duplicate window of exactly one minute", async () => {
    const info = await t.streamInfo(name);
    t.expect.ok(info, `There is no stream named ${name}.`);
    const ms = (info.config.duplicate_window ?? 0) / NANOS_PER_MS;
    t.expect.ok(
      ms === WINDOW_MS,
      ms === SERVER_DEFAULT_WINDOW_MS
        ? `duplicate_window: expected ${seconds(WINDOW_MS)}, got ${seconds(ms)}, the server's default: step 1 sets duplicate_window: ctx.nanos(60 * 1000).`
        : `duplicate_window: expected ${seconds(WINDOW_MS)} (ctx.nanos(60 * 1000): JetStream durations are nanoseconds), got ${seconds(ms)}`,
    );
  });

  await t.check("returns how many retries the server rejected as duplicates, in each run", () => {
    // What the server rejected is what it received minus what it stored: counted from its side.
    const runs: [string, MainOutcome, number, number][] = [
      ["run 1", outcome1, sent1.length, stored1.length],
      ["run 2 (the restarted publisher)", outcome2, sent2.length, storedByRun2.length],
    ];
    for (const [run, outcome, sent, stored] of runs) {
      t.expect.equal(
        t.returned(outcome),
        sent - stored,
        `${run}: duplicates counted by main (the server received ${sent} publishes and stored ${stored}, so it rejected ${sent - stored}: count the PubAcks with duplicate: true)`,
      );
    }
  });

  await t.check("rejects every retry of a restarted publisher: run 2 stores nothing new", () => {
    t.expect.ok(stored1.length > 0, `The stream ${name} stored nothing in run 1.`);
    t.expect.ok(sent2.length > 0, "Run 2 published nothing, so nothing was retried.");
    t.expect.equal(
      storedByRun2.map((m) => paymentId(m.text)),
      [],
      "payments stored again by run 2, a new process retrying all of them (the id must come from the payment, not from the process or the moment)",
    );
  });

  await t.check("rejects a late retry from another connection too", async () => {
    t.expect.ok(stored2.length > 0, `The stream ${name} stores nothing to retry.`);
    const retry = PAYMENT_IDS[Math.floor(Math.random() * PAYMENT_IDS.length)] as string;
    const ack = await t.publish(subject, JSON.stringify({ id: retry, amount: 40 }), { msgID: retry });
    t.expect.equal(ack.duplicate, true, `PubAck.duplicate for a second "${retry}" sent by the checker`);
    // A payment nobody has sent yet must still be stored: the window rejects ids, not everything.
    const fresh = `pay-${Math.floor(Math.random() * 90_000) + 10_000}x`;
    const first = await t.publish(subject, JSON.stringify({ id: fresh, amount: 1 }), { msgID: fresh });
    t.expect.equal(first.duplicate, false, `PubAck.duplicate for a new payment "${fresh}" sent by the checker`);
    const again = await t.publish(subject, JSON.stringify({ id: fresh, amount: 1 }), { msgID: fresh });
    t.expect.equal(again.duplicate, true, `PubAck.duplicate for the checker's retry of "${fresh}"`);
    const info = await t.streamInfo(name);
    t.expect.equal(
      info?.state.messages,
      stored2.length + 1,
      "messages in the stream after the checker's publishes (its one new payment added)",
    );
  });
}
