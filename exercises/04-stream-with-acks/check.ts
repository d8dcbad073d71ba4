import type { CheckHarness } from "../../web/src/exercises/checks/api.ts";

const ORDERS = ["order-1", "order-2", "order-3", "order-4", "order-5"];
const NANOS_PER_MS = 1_000_000;
/** The playground's rule for workshop streams: gone by themselves within two hours. */
const MAX_AGE_LIMIT_MS = 2 * 60 * 60 * 1000;

/** Runs the participant's code once, then looks at what the server really has. */
export default async function check(t: CheckHarness): Promise<void> {
  const name = t.stream("orders");
  const wildcard = t.subject("orders", ">");
  // Start from a clean server, so what we find below is what this run did.
  await t.deleteStream(name);

  const outcome = await t.runMain();
  const info = await t.streamInfo(name);

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

  await t.check("stores the five orders, in order", async () => {
    const stored = await t.storedMessages(name);
    t.expect.equal(
      stored.map((m) => m.text),
      ORDERS,
      `messages stored in ${name}`,
    );
  });

  await t.check("returns the sequence numbers the server acknowledged", async () => {
    const value = t.returned(outcome);
    const stored = await t.storedMessages(name);
    t.expect.ok(stored.length > 0, "The stream stores nothing, so no publish was acknowledged.");
    t.expect.equal(
      value,
      stored.map((m) => m.seq),
      "the sequences main returned (vs. the stream's)",
    );
  });
}
