import type { CheckHarness } from "../../web/src/exercises/checks/api.ts";

const GREETINGS = ["hello 1", "hello 2", "hello 3"];
/** Messages are on their way within milliseconds on a local server; this is generous. */
const DELIVERY_WAIT_MS = 2_000;

/** Runs the participant's code once, then looks at what the server really has and delivered. */
export default async function check(t: CheckHarness): Promise<void> {
  const subject = t.subject("greetings");
  // Our own subscription, open before the participant's code runs: it sees what was really published.
  const seen = t.collect(subject);
  await t.nc.flush();

  const outcome = await t.runMain();
  // The server's view of main's connection, as it was just before it closed: how many messages the
  // server delivered to it. A list main wrote down itself, or read from a subscription opened too
  // late, comes with nothing delivered.
  const server = await t.mainConnection();
  await t.waitFor(() => seen.messages.length >= GREETINGS.length, DELIVERY_WAIT_MS);
  seen.stop();

  await t.check(`publishes "hello 1", "hello 2", "hello 3" to ${subject}`, () => {
    t.expect.equal(seen.texts(), GREETINGS, `messages published on ${subject}`);
  });

  await t.check("returns the three greetings its own subscription received", () => {
    const value = t.returned(outcome);
    t.expect.ok(Array.isArray(value), `main should return the list of received texts, but returned ${JSON.stringify(value)}`);
    t.expect.equal(value, GREETINGS, "the list main returned");
    t.expect.ok(
      server !== null,
      "The server had no record of your connection when main returned, so the check cannot see what it received.",
    );
    t.expect.ok(
      server.outMsgs >= GREETINGS.length,
      `main returned the three greetings, but the server delivered ${server.outMsgs} message(s) to your connection: ` +
        "return what your own subscription received, and subscribe before you publish (steps 1 and 3).",
    );
  });
}
