export default async function main(ctx: ExerciseContext): Promise<number[]> {
  const name = ctx.stream("orders");
  const subject = ctx.subject("orders", "created");
  const sequences: number[] = [];

  const jsm = await ctx.jetstreamManager();
  await jsm.streams.add({
    name,
    subjects: [ctx.subject("orders", ">")],
    max_age: ctx.nanos(60 * 60 * 1000),
  });

  const js = ctx.jetstream();
  for (let i = 1; i <= 5; i++) {
    // Resolves once the server has stored the message; throws if nothing stored it.
    const ack = await js.publish(subject, `order-${i}`);
    sequences.push(ack.seq);
  }

  ctx.log(`stored in ${name}:`, sequences);
  return sequences;
}
