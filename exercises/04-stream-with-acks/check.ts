import type { CheckHarness } from "../../web/src/exercises/checks/api.ts";
import type { StoredMessage } from "../../web/src/nats/exercise-checks.ts";

const ORDERS = ["order-1", "order-2", "order-3", "order-4", "order-5"];
const NANOS_PER_MS = 1_000_000;
/** The playground's rule for workshop streams: gone by themselves within two hours. */
const MAX_AGE_LIMIT_MS = 2 * 60 * 60 * 1000;
/** Between the two runs the checker stores a random number of messages of its own, so no sequence can be guessed. */
const MIN_CHECKER_MESSAGES = 2;
const MAX_CHECKER_MESSAGES = 9;
const CHECKER_PREFIX = "checker-order-";

const seqs = (messages: readonly StoredMessage[]) => messages.map((m) => m.seq);

/**
 * Runs the participant's code twice, with messages of the checker's own stored in between, then
 * looks at what the server really has: the stream, what it stored at each run, and whether each
 * publish asked for a PubAck.
 */
export default async function check(t: CheckHarness): Promise<void> {
  const name = t.stream("orders");
  const wildcard = t.subject("orders", ">");
  const created = t.subject("orders", "created");
  // Start from a clean server, so what we find below is what these runs did.
  await t.deleteStream(name);
  // Every message published on the stream's subjects, as the server delivered it: a js.publish
  // carries a reply subject (where the server sends its PubAck), a core publish has none.
  const seen = t.collect(wildcard);
  await t.nc.flush();

  const first = await t.runMain();
  const info = await t.streamInfo(name);
  const afterFirst = await t.storedMessages(name);

  // Messages of the checker's own, a number nobody can know in advance, then main runs again.
  const extra = MIN_CHECKER_MESSAGES + Math.floor(Math.random() * (MAX_CHECKER_MESSAGES - MIN_CHECKER_MESSAGES + 1));
  const checkerTexts = Array.from({ length: extra }, (_, i) => `${CHECKER_PREFIX}${i + 1}`);
  // Without a stream a JetStream publish only retries until it times out: nothing to store then.
  let checkerStored = info !== null;
  for (const text of checkerTexts) {
    if (!checkerStored) break;
    await t.publish(created, text).catch(() => (checkerStored = false));
  }
  const second = await t.restartMain().finished;
  const afterSecond = await t.storedMessages(name);
  seen.stop();

  await t.check(`creates the stream ${name} on ${wildcard}`, () => {
    t.expect.ok(info, `There is no stream named ${name} on the server.`);
    t.expect.equal(info.config.subjects, [wildcard], `subjects of ${name}`);
  });

  await t.check("gives the stream a max age (at most 2 hours)", () => {
    t.expect.ok(info, `There is no stream named ${name} to look at.`);
    const ms = info.config.max_age / NANOS_PER_MS;
    t.expect.ok(ms > 0, "max_age is 0 (keep forever): set it, e.g. ctx.nanos(60 * 60 * 1000) for one hour.");
    t.expect.ok(ms <= MAX_AGE_LIMIT_MS, `max_age: expected at most ${MAX_AGE_LIMIT_MS / 60_000} minutes, got ${ms / 60_000} minutes`);
  });

  await t.check("stores the five orders, in order", () => {
    t.expect.equal(
      afterFirst.map((m) => m.text),
      ORDERS,
      `messages stored in ${name} after the first run`,
    );
  });

  await t.check("keeps what it stored when run again: the second run adds five more orders", () => {
    t.expect.ok(checkerStored, `After the first run the checker could not store its own messages in ${name}: does the stream exist?`);
    t.expect.equal(
      afterSecond.map((m) => m.text),
      [...ORDERS, ...checkerTexts, ...ORDERS],
      `messages stored in ${name} after the second run (your five, the checker's ${extra}, your five again)`,
    );
  });

  await t.check("publishes each order with js.publish, asking the server for a PubAck", () => {
    const mine = seen.messages.filter((m) => !m.text.startsWith(CHECKER_PREFIX));
    t.expect.ok(mine.length > 0, `No order was published on ${wildcard}.`);
    const unasked = mine.filter((m) => !m.reply);
    t.expect.ok(
      unasked.length === 0,
      `${unasked.length} of the ${mine.length} orders were published without asking for an acknowledgement (e.g. ${unasked[0]?.text}): ` +
        "ctx.nc.publish is core NATS, fire and forget; publish with ctx.jetstream() and await the PubAck (step 2).",
    );
  });

  await t.check("returns the sequence numbers the server acknowledged", () => {
    const value = t.returned(first);
    t.expect.ok(afterFirst.length > 0, "The stream stores nothing after the first run, so no publish was acknowledged.");
    t.expect.equal(value, seqs(afterFirst), "the sequences the first run returned (vs. the stream's)");
    const again = t.returned(second);
    // The second run's orders are the newest five: their sequences depend on what the stream held.
    t.expect.equal(
      again,
      seqs(afterSecond.slice(-ORDERS.length)),
      `the sequences the second run returned, after ${afterFirst.length + extra} messages already stored (vs. the stream's)`,
    );
  });
}
