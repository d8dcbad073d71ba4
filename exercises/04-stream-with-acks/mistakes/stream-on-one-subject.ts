// Mistake: the stream listens on orders.created only instead of the wildcard orders.>, so other order events would not be stored.
// Fails: creates the stream

export default async function main(ctx: ExerciseContext): Promise<number[]> {
  const subject = ctx.subject("orders", "created");
  const jsm = await ctx.jetstreamManager();
  await jsm.streams.add({ name: ctx.stream("orders"), subjects: [subject], max_age: ctx.nanos(60 * 60 * 1000) });

  const js = ctx.jetstream();
  const sequences: number[] = [];
  for (let i = 1; i <= 5; i++) {
    const ack = await js.publish(subject, `order-${i}`);
    sequences.push(ack.seq);
  }
  return sequences;
}
