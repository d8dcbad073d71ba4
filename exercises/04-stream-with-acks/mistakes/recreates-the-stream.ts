// Mistake: main deletes the stream and creates it anew at every start, so each run throws away everything the stream had stored.
// Fails: keeps what it stored

export default async function main(ctx: ExerciseContext): Promise<number[]> {
  const name = ctx.stream("orders");
  const jsm = await ctx.jetstreamManager();
  // Start from a clean stream, in case an earlier run left one with another config.
  await jsm.streams.delete(name).catch(() => false);
  await jsm.streams.add({ name, subjects: [ctx.subject("orders", ">")], max_age: ctx.nanos(60 * 60 * 1000) });

  const js = ctx.jetstream();
  const sequences: number[] = [];
  for (let i = 1; i <= 5; i++) {
    const ack = await js.publish(ctx.subject("orders", "created"), `order-${i}`);
    sequences.push(ack.seq);
  }
  return sequences;
}
