// Mistake: the stream gets no max_age, so it keeps the workshop's messages forever.
// Fails: gives the stream a max age

export default async function main(ctx: ExerciseContext): Promise<number[]> {
  const jsm = await ctx.jetstreamManager();
  await jsm.streams.add({ name: ctx.stream("orders"), subjects: [ctx.subject("orders", ">")] });

  const js = ctx.jetstream();
  const sequences: number[] = [];
  for (let i = 1; i <= 5; i++) {
    const ack = await js.publish(ctx.subject("orders", "created"), `order-${i}`);
    sequences.push(ack.seq);
  }
  return sequences;
}
