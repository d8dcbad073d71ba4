// Mistake: keeps the totals only in memory (acking each batch carefully), so after the crash the restarted process starts counting from zero.
// Fails: keeps one snapshot
// Fails: crash after the snapshot
// Fails: the stored totals match
// Fails: the restarted main returns the same totals
import type { JsMsg } from "@nats-io/jetstream";

interface Transaction {
  id: string;
  account: string;
  amount: number;
}

export default async function main(ctx: ExerciseContext): Promise<Record<string, number>> {
  const stream = ctx.stream("transactions");
  const endSubject = ctx.subject("transactions", "end");
  const jsm = await ctx.jetstreamManager();
  const js = ctx.jetstream();

  // The durable consumer remembers the position on the server; the totals live in this process only.
  const totals: Record<string, number> = {};
  const name = ctx.consumer("aggregator");
  await jsm.consumers.add(stream, { durable_name: name, ack_policy: "explicit", ack_wait: ctx.nanos(2_000) });
  const consumer = await js.consumers.get(stream, name);

  let done = false;
  while (!done) {
    const received: JsMsg[] = [];
    for await (const m of await consumer.fetch({ max_messages: 20, expires: 1_000 })) received.push(m);
    for (const m of received) {
      if (m.subject === endSubject) {
        done = true;
      } else {
        // The slow work (a lookup), given: keep it. Slow-Ms says how long this one takes.
        await ctx.sleep(Number(m.headers?.get("Slow-Ms") || 0));
        const tx = m.json<Transaction>();
        totals[tx.account] = (totals[tx.account] ?? 0) + tx.amount;
      }
    }
    // Acked only once the whole batch is counted... but "counted" means in memory, gone with a crash.
    for (const m of received) m.ack();
  }
  await ctx.nc.flush();
  return totals;
}
