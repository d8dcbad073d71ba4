// Mistake: the sequences are written down instead of read from each PubAck: a fresh stream numbers 1 to 5, but a stream that already holds messages does not.
// Fails: returns the sequence numbers the server acknowledged

export default async function main(ctx: ExerciseContext): Promise<number[]> {
  const name = ctx.stream("orders");
  const subject = ctx.subject("orders", "created");

  const jsm = await ctx.jetstreamManager();
  await jsm.streams.add({ name, subjects: [ctx.subject("orders", ">")], max_age: ctx.nanos(60 * 60 * 1000) });

  const js = ctx.jetstream();
  for (let i = 1; i <= 5; i++) {
    await js.publish(subject, `order-${i}`);
  }
  // Five messages into the stream: sequences 1 to 5.
  return [1, 2, 3, 4, 5];
}
