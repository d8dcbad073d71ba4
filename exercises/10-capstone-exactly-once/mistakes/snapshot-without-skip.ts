// Mistake: stores the totals in a snapshot before acking, but resumes from the consumer's position and never skips what the snapshot already counts, so the batch redelivered after the crash counts twice.
// Fails: the stored totals match
// Fails: the restarted main returns the same totals
import type { JsMsg } from "@nats-io/jetstream";

interface Transaction {
  id: string;
  account: string;
  amount: number;
}

interface Snapshot {
  totals: Record<string, number>;
  lastSeq: number;
  done: boolean;
}

export default async function main(ctx: ExerciseContext): Promise<Record<string, number>> {
  const stream = ctx.stream("transactions");
  const endSubject = ctx.subject("transactions", "end");
  const snapshotStream = ctx.stream("totals");
  const snapshotSubject = ctx.subject("totals");
  const jsm = await ctx.jetstreamManager();
  const js = ctx.jetstream();
  await jsm.streams.add({ name: snapshotStream, subjects: [snapshotSubject], max_msgs_per_subject: 1, max_age: ctx.nanos(60 * 60 * 1000) });

  const last = await jsm.streams.getMessage(snapshotStream, { last_by_subj: snapshotSubject });
  const state: Snapshot = last ? last.json<Snapshot>() : { totals: {}, lastSeq: 0, done: false };
  if (state.done) return state.totals;

  // The durable consumer picks up at its ack floor: "the server knows where I was".
  const name = ctx.consumer("aggregator");
  await jsm.consumers.add(stream, { durable_name: name, ack_policy: "explicit", ack_wait: ctx.nanos(2_000) });
  const consumer = await js.consumers.get(stream, name);

  while (!state.done) {
    const received: JsMsg[] = [];
    for await (const m of await consumer.fetch({ max_messages: 20, expires: 1_000 })) received.push(m);
    for (const m of received) {
      // Every delivery is applied, including redeliveries of what the snapshot already counts.
      if (m.subject === endSubject) {
        state.done = true;
      } else {
        // The slow work (a lookup), given: keep it. Slow-Ms says how long this one takes.
        await ctx.sleep(Number(m.headers?.get("Slow-Ms") || 0));
        const tx = m.json<Transaction>();
        state.totals[tx.account] = (state.totals[tx.account] ?? 0) + tx.amount;
      }
      state.lastSeq = Math.max(state.lastSeq, m.seq);
    }
    if (received.length === 0) continue;
    await js.publish(snapshotSubject, JSON.stringify(state));
    for (const m of received) m.ack();
  }
  await ctx.nc.flush();
  return state.totals;
}
