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
  // TODO 1: the seed never pulls more than MAX_BATCH messages at once: make the server enforce it.
  await jsm.consumers.add(stream, { durable_name: name, ack_policy: "explicit" });
  const consumer = await ctx.jetstream().consumers.get(stream, name);

  const batches: number[] = [];
  let total = 0;
  // TODO 2: keep fetching batches of at most MAX_BATCH until nothing is pending
  // ((await consumer.info()).num_pending, then msg.info.pending).
  const batch = await consumer.fetch({ max_messages: MAX_BATCH, expires: 5_000 });
  let size = 0;
  for await (const msg of batch) {
    total += msg.json<Transaction>().amount;
    // TODO 3: acknowledge the transaction once it is counted.
    size++;
  }
  batches.push(size);

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
