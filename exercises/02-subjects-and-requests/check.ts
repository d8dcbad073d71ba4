import type { CheckHarness } from "../../web/src/exercises/checks/api.ts";

/** main publishes "ready" right after subscribing; on a local server this takes milliseconds. */
const READY_WAIT_MS = 4_000;
/** Lets the participant's subscriptions process the feed before we ask for balances. */
const SETTLE_MS = 300;
const REQUEST_TIMEOUT_MS = 1_000;

interface Event {
  account: string;
  type: "credit" | "debit";
  amount: number;
}

/** Fresh account names every run, so only wildcards (not hard-coded subjects) can hear them; the fourth is never used. */
function accounts(): [string, string, string, string] {
  const tag = Math.random().toString(36).slice(2, 6);
  return [`acc-${tag}a`, `acc-${tag}b`, `acc-${tag}c`, `acc-${tag}z`];
}

/** A random whole amount in [min, max], so no balance can be known in advance. */
const randomAmount = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

/** The reply to a request, or why there was none (in words, not as an infrastructure error). */
async function ask(t: CheckHarness, subject: string): Promise<{ reply?: string; problem?: string }> {
  try {
    const msg = await t.nc.request(subject, "", { timeout: REQUEST_TIMEOUT_MS });
    return { reply: msg.string() };
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    return {
      problem: /no responders|503/i.test(text)
        ? `Nobody answers requests on ${subject} (no responders): is your responder subscribed to the balance subjects?`
        : `No reply on ${subject} within ${REQUEST_TIMEOUT_MS / 1000} s (${text}): does your responder call msg.respond(...)?`,
    };
  }
}

/** Starts the participant's service, feeds it real events and requests, then stops it. */
export default async function check(t: CheckHarness): Promise<void> {
  const [a, b, c, neverSeen] = accounts();
  // Credits larger than the debits, so every balance is positive (and never looks like the "0" of an unknown account).
  const feed: Event[] = [
    { account: a, type: "credit", amount: randomAmount(60, 150) },
    { account: a, type: "debit", amount: randomAmount(1, 50) },
    { account: b, type: "credit", amount: randomAmount(60, 150) },
    { account: c, type: "credit", amount: randomAmount(1, 50) },
    { account: b, type: "debit", amount: randomAmount(1, 25) },
    { account: b, type: "debit", amount: randomAmount(1, 25) },
    { account: a, type: "credit", amount: randomAmount(1, 50) },
  ];
  const expectedCounts = { [a]: 3, [b]: 3, [c]: 1 };
  const expectedDebits = feed.filter((e) => e.type === "debit").map(({ account, amount }) => ({ account, amount }));
  const balanceOf = (account: string) =>
    feed.filter((e) => e.account === account).reduce((sum, e) => sum + (e.type === "debit" ? -e.amount : e.amount), 0);
  const expectedBalances: [string, string][] = [a, b, c, neverSeen].map((account) => [account, String(balanceOf(account))]);
  const debitSubject = t.subject("tx", "*", "debit");

  const ready = t.collect(t.subject("control", "ready"));
  await t.nc.flush();
  const run = t.startMain();
  const isReady = await t.waitFor(() => ready.messages.length > 0, READY_WAIT_MS);
  ready.stop();

  if (isReady) {
    for (const e of feed) t.nc.publish(t.subject("tx", e.account, e.type), JSON.stringify({ amount: e.amount }));
    // Not a transaction event: a subject outside tx.> that nobody should count.
    t.nc.publish(t.subject("audit", a, "debit"), JSON.stringify({ amount: 999 }));
    await t.nc.flush();
    await t.sleep(SETTLE_MS);
  }

  const answers = new Map<string, { reply?: string; problem?: string }>();
  if (isReady) {
    for (const [account] of expectedBalances) answers.set(account, await ask(t, t.subject("balance", account)));
  }

  // The server's view of main's connection while it still serves: which subscriptions it has, and
  // what the server delivered to each (the server filters the debits only for a tx.*.debit subscription).
  const server = isReady ? await run.connection() : null;

  t.nc.publish(t.subject("control", "stop"));
  await t.nc.flush();
  const outcome = await run.finished;

  await t.check("starts the service (publishes on control.ready)", () => {
    t.expect.ok(isReady, `Nothing arrived on ${t.subject("control", "ready")}: keep the provided part at the end of main.`);
  });

  await t.check(`counts the events of every account on ${t.subject("tx", ">")}`, () => {
    const value = t.returned(outcome) as { counts?: unknown } | null;
    t.expect.equal(value?.counts, expectedCounts, "events per account (accounts are new names every check)");
  });

  await t.check(`hears only the debits, of any account (${debitSubject})`, () => {
    const value = t.returned(outcome) as { debits?: unknown } | null;
    t.expect.equal(value?.debits, expectedDebits, "debits, in the order published");
    t.expect.ok(
      server !== null,
      "The server no longer knew your connection while the check was running: keep the provided part at the end of main.",
    );
    const subjects = server.subscriptions.map((sub) => sub.subject);
    const debitSubs = server.subscriptions.filter((sub) => sub.subject === debitSubject);
    t.expect.ok(
      debitSubs.length > 0,
      `The server lists no subscription on ${debitSubject} for your connection (it has ${JSON.stringify(subjects)}): ` +
        "step 2 asks for a second subscription that only hears debits, so the server does the filtering.",
    );
    t.expect.ok(
      debitSubs.some((sub) => sub.msgs === expectedDebits.length),
      `The server delivered ${JSON.stringify(debitSubs.map((sub) => sub.msgs))} messages to your subscription on ${debitSubject}: expected the ${expectedDebits.length} debits.`,
    );
  });

  await t.check(`answers balance requests on ${t.subject("balance", "<account>")}`, () => {
    t.expect.ok(isReady, "The service never said it was ready, so no request was sent.");
    for (const [account, expected] of expectedBalances) {
      const answer = answers.get(account);
      t.expect.ok(answer && answer.problem === undefined, answer?.problem ?? `No request was sent for ${account}.`);
      t.expect.equal(answer.reply, expected, `balance of ${account}`);
    }
  });
}
