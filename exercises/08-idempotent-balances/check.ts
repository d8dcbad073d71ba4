import type { CheckHarness } from "../../web/src/exercises/checks/api.ts";

const TRANSACTIONS = 60;
const ACCOUNTS = ["acc-1", "acc-2", "acc-3", "acc-4"];
/** Transactions whose work outlasts the ack wait: one in each quarter of the stream, never adjacent. */
const SLOW = 4;
const SLOW_MS = 1_500;
const ACK_WAIT_MS = 1_000;
const NANOS_PER_MS = 1_000_000;
const HOUR_MS = 60 * 60 * 1000;
/** Acks travel without an answer: give the server a moment to move the ack floor. */
const SETTLE_MS = 3_000;

interface ConsumerState {
  delivered: { consumer_seq: number; stream_seq: number };
  ack_floor: { stream_seq: number };
  num_pending: number;
  num_ack_pending: number;
}

interface Returned {
  balances?: unknown;
  skipped?: unknown;
}

/** Positions (0-based) of the slow transactions: a random one inside each quarter, away from its edges. */
function slowPositions(): Set<number> {
  const quarter = TRANSACTIONS / SLOW;
  return new Set(Array.from({ length: SLOW }, (_, q) => q * quarter + 1 + Math.floor(Math.random() * (quarter - 3))));
}

/**
 * Prepares a stream of transactions and the consumer main must read them through (explicit acks, a
 * 1 s ack wait, one message in flight at a time). Some transactions carry `Slow-Ms: 1500`: honouring
 * it makes their processing outlast the ack wait, so the server redelivers them while the first
 * delivery is still being worked on. Then asks the server what happened.
 */
export default async function check(t: CheckHarness): Promise<void> {
  const stream = t.stream("transactions");
  // The harness has no consumer(): names are `<area>_<pid>_<name>`, as ctx.consumer builds them.
  const [area, pid] = t.subject("x").split(".");
  const name = `${area}_${pid}_balances`;
  const jsm = await t.jsm();

  await t.deleteStream(stream);
  await jsm.streams.add({ name: stream, subjects: [t.subject("transactions", ">")], max_age: HOUR_MS * NANOS_PER_MS });
  await jsm.consumers.add(stream, {
    durable_name: name,
    ack_policy: "explicit",
    ack_wait: ACK_WAIT_MS * NANOS_PER_MS,
    max_deliver: 20,
    max_ack_pending: 1,
  });

  // Amounts (cents) the participant cannot know in advance; the expected balances follow from them.
  const slow = slowPositions();
  const expected: Record<string, number> = {};
  const acks = await Promise.all(
    Array.from({ length: TRANSACTIONS }, (_, i) => {
      const account = ACCOUNTS[Math.floor(Math.random() * ACCOUNTS.length)] as string;
      const amount = 100 + Math.floor(Math.random() * 99_900);
      expected[account] = (expected[account] ?? 0) + amount;
      const slowWork = slow.has(i) ? { "Slow-Ms": String(SLOW_MS) } : undefined;
      return t.publish(t.subject("transactions", "card"), JSON.stringify({ id: `tx-${1001 + i}`, account, amount }), { headers: slowWork });
    }),
  );
  const lastSeq = Math.max(...acks.map((a) => a.seq));

  const outcome = await t.runMain();

  const consumerInfo = async (): Promise<ConsumerState | null> => {
    try {
      return (await jsm.consumers.info(stream, name)) as ConsumerState;
    } catch {
      return null;
    }
  };
  let info = await consumerInfo();
  const deadline = Date.now() + SETTLE_MS;
  while (info && info.ack_floor.stream_seq < lastSeq && Date.now() < deadline) {
    await t.sleep(100);
    info = await consumerInfo();
  }
  // Every delivery gets the next consumer sequence, every new message the next stream sequence:
  // the difference is how many copies the server sent again.
  const redelivered = info ? info.delivered.consumer_seq - info.delivered.stream_seq : 0;

  await t.check("the server redelivered the transactions whose work outlasted the ack wait", () => {
    t.expect.ok(info, `The consumer ${name} is gone: read through it, do not delete or replace it.`);
    t.expect.ok(
      info.delivered.stream_seq > 0,
      `Nothing was delivered through ${name}: consume from ctx.jetstream().consumers.get(stream, ctx.consumer("balances")).`,
    );
    t.expect.ok(
      redelivered > 0,
      `${info.delivered.consumer_seq} deliveries for ${info.delivered.stream_seq} transactions: nothing was redelivered. ` +
        `Keep the given slow work (ctx.sleep of the Slow-Ms header) before the ack, and do not call m.working(): ` +
        `this exercise needs the redeliveries to prove your balances survive them.`,
    );
  });

  await t.check("counts every transaction once: the balances match what was published", () => {
    const value = t.returned(outcome) as Returned | null;
    const balances = value?.balances;
    t.expect.ok(
      balances !== null && typeof balances === "object" && !Array.isArray(balances),
      `main should return { balances: { [account]: cents }, skipped }, but balances is ${JSON.stringify(balances)}`,
    );
    const got = balances as Record<string, unknown>;
    const wrong = [...new Set([...Object.keys(expected), ...Object.keys(got)])]
      .sort()
      .filter((account) => got[account] !== expected[account])
      .map((account) => `${account}: expected ${expected[account] ?? "no balance"}, got ${JSON.stringify(got[account] ?? null)}`);
    t.expect.ok(
      wrong.length === 0,
      `balances (in cents, vs. the amounts the check published) ${wrong.join("; ")}. A balance that is too high counted a redelivered transaction twice.`,
    );
  });

  await t.check(`acks every transaction: ack floor at ${lastSeq}, nothing pending`, () => {
    t.expect.ok(info, `There is no consumer named ${name} to look at.`);
    t.expect.equal(info.num_ack_pending, 0, "num_ack_pending (delivered but never acked)");
    t.expect.equal(info.num_pending, 0, "num_pending (never delivered)");
    t.expect.equal(info.ack_floor.stream_seq, lastSeq, "ack floor (stream sequence)");
  });

  await t.check("returns how many redelivered copies it skipped", () => {
    const value = t.returned(outcome) as Returned | null;
    t.expect.equal(
      value?.skipped,
      redelivered,
      `skipped (vs. the server's count of redelivered copies: ${info?.delivered.consumer_seq ?? 0} deliveries for ${info?.delivered.stream_seq ?? 0} transactions)`,
    );
  });
}
