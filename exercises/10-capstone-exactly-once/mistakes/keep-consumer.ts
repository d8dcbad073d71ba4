// Mistake: skips m.seq <= lastSeq but keeps the old durable consumer, which hands out newer messages before the crashed batch comes back, so that batch is skipped as already counted.
// Fails: the stored totals match
// Fails: the restarted main returns the same totals
import type { JsMsg } from "@nats-io/jetstream";

/** One card transaction, as published to the stream. Amounts are in cents. */
interface Transaction {
  id: string;
  account: string;
  amount: number;
}

/** Everything a restarted process needs, stored as ONE message: the effect and the position together. */
interface Snapshot {
  /** Sum of the amounts per account. */
  totals: Record<string, number>;
  /** The stream sequence of the last message these totals include. */
  lastSeq: number;
  /** True once the end marker is applied: nothing more will come. */
  done: boolean;
}

const BATCH = 20;

export default async function main(ctx: ExerciseContext): Promise<Record<string, number>> {
  const stream = ctx.stream("transactions");
  const endSubject = ctx.subject("transactions", "end");
  const snapshotStream = ctx.stream("totals");
  const snapshotSubject = ctx.subject("totals");
  await prepareTransactions(ctx, stream);

  const jsm = await ctx.jetstreamManager();
  const js = ctx.jetstream();
  // One message per subject: the stream always holds exactly the latest snapshot.
  await jsm.streams.add({
    name: snapshotStream,
    subjects: [snapshotSubject],
    max_msgs_per_subject: 1,
    max_age: ctx.nanos(60 * 60 * 1000),
  });

  // 1. Where did the last process get to? Its snapshot says, not the consumer.
  const last = await jsm.streams.getMessage(snapshotStream, { last_by_subj: snapshotSubject });
  const state: Snapshot = last ? last.json<Snapshot>() : { totals: {}, lastSeq: 0, done: false };
  ctx.log(`starting after seq ${state.lastSeq}`, state.totals);
  if (state.done) return state.totals;

  // 2. The durable consumer remembers on the server where it got to: reuse it as it is.
  const name = ctx.consumer("aggregator");
  await jsm.consumers.add(stream, { durable_name: name, ack_policy: "explicit", ack_wait: ctx.nanos(2_000) });
  const consumer = await js.consumers.get(stream, name);

  while (!state.done) {
    // The batch first (the fetch is over once it is collected), then the work on it.
    const received: JsMsg[] = [];
    for await (const m of await consumer.fetch({ max_messages: BATCH, expires: 1_000 })) received.push(m);
    if (received.length === 0) continue;
    for (const m of received) {
      // 3. Idempotent by position: a redelivery of something already counted changes nothing.
      if (m.seq <= state.lastSeq) continue;
      if (m.subject === endSubject) {
        state.done = true;
      } else {
        // The slow work (a lookup), given: keep it. Slow-Ms says how long this one takes.
        await ctx.sleep(Number(m.headers?.get("Slow-Ms") || 0));
        const tx = m.json<Transaction>();
        state.totals[tx.account] = (state.totals[tx.account] ?? 0) + tx.amount;
      }
      state.lastSeq = m.seq;
    }
    // 4. Effect and position in one write, confirmed by the server...
    await js.publish(snapshotSubject, JSON.stringify(state));
    // 5. ...and only then the acks. A crash in between: the restart starts after lastSeq anyway.
    for (const m of received) m.ack();
    ctx.log(`applied up to seq ${state.lastSeq}`);
  }
  // Acks are fire-and-forget: make sure the server has them before the connection closes.
  await ctx.nc.flush();
  return state.totals;
}

/** For Run: creates the stream with sample transactions and an end marker when it does not exist (the check prepares its own). */
async function prepareTransactions(ctx: ExerciseContext, stream: string): Promise<void> {
  const jsm = await ctx.jetstreamManager();
  if (await jsm.streams.info(stream).catch(() => null)) return;
  await jsm.streams.add({ name: stream, subjects: [ctx.subject("transactions", ">")], max_age: ctx.nanos(60 * 60 * 1000) });
  const js = ctx.jetstream();
  for (let i = 1; i <= 100; i++) {
    const tx: Transaction = { id: `tx-${i}`, account: `acc-${(i % 5) + 1}`, amount: 100 + ((i * 37) % 900) };
    const h = ctx.headers();
    if (i === 42) h.set("Slow-Ms", "800"); // one slow lookup
    await js.publish(ctx.subject("transactions", "card"), JSON.stringify(tx), { headers: h });
  }
  await js.publish(ctx.subject("transactions", "end"), JSON.stringify({ end: true }));
}
