// Mistake: the inactive threshold written in milliseconds (an hour = 3 600 000) where JetStream wants nanoseconds: 3.6 ms, so the server deletes the consumer as soon as a run stops pulling.
// Fails: creates the durable pull consumer
// Fails: keeps the consumer through
// Fails: run 2 processes only the
// Fails: acks all
/** One transfer (card, SEPA or instant), as stored in the stream. Amounts are in cents. */
interface Transaction {
  id: string;
  account: string;
  amount: number;
}

/** Longer than any downtime we expect (a deploy, a restart, a night), short enough to clean up a forgotten consumer. */
const INACTIVE_THRESHOLD_MS = 60 * 60 * 1000;

/** The ledger service: one run processes whatever arrived since the last run, then stops. */
export default async function main(ctx: ExerciseContext): Promise<string[]> {
  const stream = ctx.stream("transfers");
  await prepareTransfers(ctx, stream);

  const jsm = await ctx.jetstreamManager();
  const name = ctx.consumer("ledger");
  // A durable pull consumer: the server keeps its position under this name between runs. Adding it
  // again with the same config binds to the existing one. The server deletes it only after an hour
  // without any pull: long enough to survive a restart, and forgotten consumers still go away.
  await jsm.consumers.add(stream, {
    durable_name: name,
    ack_policy: "explicit",
    inactive_threshold: INACTIVE_THRESHOLD_MS, // an hour
  });
  const consumer = await ctx.jetstream().consumers.get(stream, name);

  const before = await consumer.info();
  ctx.log(`consumer created ${before.created}, ack floor at seq ${before.ack_floor.stream_seq}, ${before.num_pending} pending`);

  const processed: string[] = [];
  let pending = before.num_pending;
  while (pending > 0) {
    const batch = await consumer.fetch({ max_messages: Math.min(100, pending), expires: 2_000 });
    let size = 0;
    for await (const msg of batch) {
      processed.push(msg.json<Transaction>().id);
      msg.ack(); // booked: the consumer's ack floor moves past it
      pending = msg.info.pending;
      size++;
    }
    if (size === 0) break;
  }
  // Acks are fire-and-forget: make sure the server has them before the connection closes.
  await ctx.nc.flush();

  ctx.log(`processed ${processed.length}: ${processed[0] ?? "-"} … ${processed.at(-1) ?? "-"}`);
  return processed;
}

/** Creates the stream with 40 transfers when it does not exist yet (the check prepares its own). */
async function prepareTransfers(ctx: ExerciseContext, stream: string): Promise<void> {
  const jsm = await ctx.jetstreamManager();
  try {
    await jsm.streams.info(stream);
    return; // already there
  } catch {
    // not created yet
  }
  await jsm.streams.add({ name: stream, subjects: [ctx.subject("transfers", ">")], max_age: ctx.nanos(60 * 60 * 1000) });
  const js = ctx.jetstream();
  const kinds = ["card", "sepa", "instant"];
  for (let i = 1; i <= 40; i++) {
    const tx: Transaction = { id: `tx-${i}`, account: `acc-${(i % 5) + 1}`, amount: 100 + ((i * 37) % 900) };
    // Each kind of transfer has its subject: transfers.card, transfers.sepa, transfers.instant.
    await js.publish(ctx.subject("transfers", kinds[i % kinds.length] as string), JSON.stringify(tx));
  }
}
