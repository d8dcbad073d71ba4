// Mistake: the worker pulls one message at a time with consumer.next() and reports batches of 100 it never received: the server saw 250 pulls of one message.
// Fails: fetches all 250 in batches

/** One card transaction, as stored in the stream. Amounts are in cents. */
interface Transaction {
  id: string;
  account: string;
  amount: number;
}

/** The seed's consumer max request batch: no pull asks for more. */
const MAX_BATCH = 100;

export default async function main(ctx: ExerciseContext): Promise<{ batches: number[]; total: number }> {
  const stream = ctx.stream("transactions");
  await prepareTransactions(ctx, stream);

  const jsm = await ctx.jetstreamManager();
  const name = ctx.consumer("settler");
  // Durable (it has a name, the server keeps its state), pull (no deliver_subject), explicit acks,
  // and the server refuses pull requests of more than MAX_BATCH messages.
  await jsm.consumers.add(stream, { durable_name: name, ack_policy: "explicit", max_batch: MAX_BATCH });
  const consumer = await ctx.jetstream().consumers.get(stream, name);

  const batches: number[] = [];
  let total = 0;
  // Messages the consumer has not delivered yet.
  let pending = (await consumer.info()).num_pending;
  let inBatch = 0;
  // One message per pull is simplest; group them by MAX_BATCH for the report.
  while (pending > 0) {
    const msg = await consumer.next({ expires: 5_000 });
    if (!msg) break;
    total += msg.json<Transaction>().amount;
    msg.ack();
    pending = msg.info.pending;
    if (++inBatch === MAX_BATCH || pending === 0) {
      batches.push(inBatch);
      inBatch = 0;
    }
  }
  // Acks are fire-and-forget: make sure the server has them before the connection closes.
  await ctx.nc.flush();

  const info = await consumer.info();
  ctx.log(`ack floor: seq ${info.ack_floor.stream_seq}, num_pending ${info.num_pending}, num_ack_pending ${info.num_ack_pending}`);
  return { batches, total };
}

/** Creates the stream with 250 transactions when it does not exist yet (the check prepares its own). */
async function prepareTransactions(ctx: ExerciseContext, stream: string): Promise<void> {
  const jsm = await ctx.jetstreamManager();
  try {
    await jsm.streams.info(stream);
    return; // already there
  } catch {
    // not created yet
  }
  await jsm.streams.add({ name: stream, subjects: [ctx.subject("transactions", ">")], max_age: ctx.nanos(60 * 60 * 1000) });
  const js = ctx.jetstream();
  const subject = ctx.subject("transactions", "card");
  await Promise.all(
    Array.from({ length: 250 }, (_, i) => {
      const tx: Transaction = { id: `tx-${i + 1}`, account: `acc-${(i % 7) + 1}`, amount: 100 + ((i * 37) % 900) };
      return js.publish(subject, JSON.stringify(tx));
    }),
  );
}
