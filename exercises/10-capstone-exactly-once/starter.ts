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
  await prepareTransactions(ctx, stream);

  const jsm = await ctx.jetstreamManager();
  const js = ctx.jetstream();

  // TODO 1: create the stream ctx.stream("totals") on ctx.subject("totals") with max_msgs_per_subject: 1,
  //         and read the last snapshot from it (jsm.streams.getMessage(..., { last_by_subj })).
  //         A crash wipes this variable: the totals start over after a restart.
  const state: Snapshot = { totals: {}, lastSeq: 0, done: false };

  // TODO 2: start the consumer right after state.lastSeq (it keeps its own position otherwise).
  const name = ctx.consumer("aggregator");
  await jsm.consumers.add(stream, { durable_name: name, ack_policy: "explicit", ack_wait: ctx.nanos(2_000) });
  const consumer = await js.consumers.get(stream, name);

  while (!state.done) {
    // The batch first (the fetch is over once it is collected), then the work on it.
    const received: JsMsg[] = [];
    for await (const m of await consumer.fetch({ max_messages: BATCH, expires: 1_000 })) received.push(m);
    for (const m of received) {
      // TODO 3: skip what the totals already include (m.seq <= state.lastSeq).
      if (m.subject === endSubject) {
        state.done = true;
      } else {
        // The slow work (a lookup), given: keep it. Slow-Ms says how long this one takes.
        await ctx.sleep(Number(m.headers?.get("Slow-Ms") || 0));
        const tx = m.json<Transaction>();
        state.totals[tx.account] = (state.totals[tx.account] ?? 0) + tx.amount;
      }
      state.lastSeq = m.seq;
      m.ack(); // TODO 4: ack only after the snapshot with this message is stored.
    }
    ctx.log(`applied ${received.length}, up to seq ${state.lastSeq}`);
  }
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
