// Mistake: stores { cents, applied } as asked but never looks at applied, so every copy the server sends again is added to the balance again.
// Fails: counts every transaction once
import type { Consumer } from "@nats-io/jetstream";
import type { KV } from "@nats-io/kv";

/** One card transaction, as stored in the stream. Amounts are in cents. */
interface Transaction {
  id: string;
  account: string;
  amount: number;
}

/** An account as stored in the bucket: its balance and the transactions already in it, in ONE entry. */
interface Account {
  cents: number;
  applied: string[];
}

export default async function main(ctx: ExerciseContext): Promise<Record<string, number>> {
  const stream = ctx.stream("transactions");
  const name = ctx.consumer("balances");
  await prepareDemo(ctx, stream, name);
  const consumer = await ctx.jetstream().consumers.get(stream, name);
  // The balances live on the server, one entry per account, so a restarted process finds them.
  const kv = await ctx.kv("balances");

  // The stop rule (given): stop once the server has nothing left for us, nothing waits for an ack,
  // and the last delivery it made (delivered.consumer_seq) is one this loop has received.
  let lastReceived = (await consumer.info()).delivered.consumer_seq;
  const messages = await consumer.consume();
  const stopped = stopWhenDone(ctx, consumer, messages, () => lastReceived);

  for await (const m of messages) {
    lastReceived = m.info.deliverySequence;
    const tx = m.json<Transaction>();
    ctx.log(`${tx.id} (delivery ${m.info.deliveryCount}): ${tx.account} ${tx.amount}`);

    const entry = await kv.get(tx.account);
    const account: Account = entry ? entry.json<Account>() : { cents: 0, applied: [] };

    // The slow work (a database write), given: keep it. Slow-Ms outlasts the consumer's ack wait.
    await ctx.sleep(Number(m.headers?.get("Slow-Ms") || 0));
    account.cents += tx.amount;
    account.applied.push(tx.id); // the server says this one is due: apply it
    await kv.put(tx.account, JSON.stringify(account));
    m.ack(); // only once the update is stored
  }
  await stopped;

  const balances = await readBalances(kv);
  ctx.log("balances:", balances, "(every delivery applied)");
  return balances;
}

/**
 * Given: every 250 ms, asks the server about the consumer and stops `messages` once all is handled.
 * A run that is stopped or crashed ends here too (its sleep and its requests fail then).
 */
async function stopWhenDone(
  ctx: ExerciseContext,
  consumer: Consumer,
  messages: { stop(): void },
  lastReceived: () => number,
): Promise<void> {
  try {
    for (;;) {
      await ctx.sleep(250);
      const info = await consumer.info();
      if (info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.consumer_seq === lastReceived()) break;
    }
  } catch {
    // stopped or crashed: nothing more to wait for
  }
  messages.stop();
}

/** Given: every account's balance in the bucket, `{ "acc-1": cents, ... }`. */
async function readBalances(kv: KV): Promise<Record<string, number>> {
  const balances: Record<string, number> = {};
  for await (const key of await kv.keys()) {
    const entry = await kv.get(key);
    if (entry?.operation === "PUT") balances[key] = entry.json<{ cents: number }>().cents;
  }
  return balances;
}

/**
 * Given: for Run, a fresh demo (20 transactions, 2 of them slow, and an empty bucket) whenever the
 * consumer has nothing left to deliver or to wait for. Check prepares its own, with the same settings.
 */
async function prepareDemo(ctx: ExerciseContext, stream: string, name: string): Promise<void> {
  const jsm = await ctx.jetstreamManager();
  try {
    const info = await jsm.consumers.info(stream, name);
    if (info.num_pending > 0 || info.num_ack_pending > 0) return; // work waiting (a restart): carry on
  } catch {
    // no stream or no consumer yet
  }
  await jsm.streams.delete(stream).catch(() => false);
  await jsm.streams.delete(`KV_${ctx.bucket("balances")}`).catch(() => false); // the bucket starts empty too
  await jsm.streams.add({ name: stream, subjects: [ctx.subject("transactions", ">")], max_age: ctx.nanos(60 * 60 * 1000) });
  await jsm.consumers.add(stream, {
    durable_name: name,
    ack_policy: "explicit",
    ack_wait: ctx.nanos(1000),
    max_deliver: 20,
    max_ack_pending: 1,
  });
  const js = ctx.jetstream();
  for (let i = 1; i <= 20; i++) {
    const tx: Transaction = { id: `tx-${1000 + i}`, account: `acc-${(i % 4) + 1}`, amount: 100 * i };
    const h = ctx.headers();
    if (i === 5 || i === 14) h.set("Slow-Ms", "1500");
    await js.publish(ctx.subject("transactions", "card"), JSON.stringify(tx), { headers: h });
  }
}
