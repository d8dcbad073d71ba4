// Mistake: remembers the delivery sequence (m.info.deliverySequence) instead of the transaction id, and a redelivery gets a new one, so it counts twice.
// Fails: counts every transaction once
// Fails: returns how many redelivered copies it skipped
import type { Consumer } from "@nats-io/jetstream";

/** One card transaction, as stored in the stream. Amounts are in cents. */
interface Transaction {
  id: string;
  account: string;
  amount: number;
}

export default async function main(ctx: ExerciseContext): Promise<{ balances: Record<string, number>; skipped: number }> {
  const stream = ctx.stream("transactions");
  const name = ctx.consumer("balances");
  await prepareDemo(ctx, stream, name);
  const consumer = await ctx.jetstream().consumers.get(stream, name);

  const balances: Record<string, number> = {};
  // Deliveries already in the balances, by their sequence number.
  const applied = new Set<number>();
  let skipped = 0; // redelivered copies that were not applied again

  // The stop rule (given): stop once the server has nothing left for us, nothing waits for an ack,
  // and the last delivery it made (delivered.consumer_seq) is one this loop has received.
  let lastReceived = (await consumer.info()).delivered.consumer_seq;
  const messages = await consumer.consume();
  const stopped = stopWhenDone(ctx, consumer, messages, () => lastReceived);

  for await (const m of messages) {
    lastReceived = m.info.deliverySequence;
    const tx = m.json<Transaction>();
    ctx.log(`${tx.id} (delivery ${m.info.deliveryCount}): ${tx.account} ${tx.amount}`);

    if (applied.has(m.info.deliverySequence)) {
      // A redelivered copy of a transaction already counted: the work is done, only the ack is missing.
      skipped++;
      m.ack();
      continue;
    }

    // The slow work (a database write), given: keep it. Slow-Ms outlasts the consumer's ack wait.
    await ctx.sleep(Number(m.headers?.get("Slow-Ms") || 0));
    balances[tx.account] = (balances[tx.account] ?? 0) + tx.amount;
    applied.add(m.info.deliverySequence);
    m.ack(); // only once the transaction is applied
  }
  await stopped;

  ctx.log("balances:", balances, `skipped ${skipped} redelivered copies`);
  return { balances, skipped };
}

/** Given: every 250 ms, asks the server about the consumer and stops `messages` once all is handled. */
async function stopWhenDone(
  ctx: ExerciseContext,
  consumer: Consumer,
  messages: { stop(): void },
  lastReceived: () => number,
): Promise<void> {
  for (;;) {
    await ctx.sleep(250);
    const info = await consumer.info();
    if (info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.consumer_seq === lastReceived()) {
      messages.stop();
      return;
    }
  }
}

/**
 * Given: for Run, a fresh demo (20 transactions, 2 of them slow) whenever the consumer has nothing
 * left to deliver. Check prepares its own stream and consumer, with the same settings.
 */
async function prepareDemo(ctx: ExerciseContext, stream: string, name: string): Promise<void> {
  const jsm = await ctx.jetstreamManager();
  try {
    if ((await jsm.consumers.info(stream, name)).num_pending > 0) return; // work waiting: use it
  } catch {
    // no stream or no consumer yet
  }
  await jsm.streams.delete(stream).catch(() => false);
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
