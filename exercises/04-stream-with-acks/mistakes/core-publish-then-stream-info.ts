// Mistake: the orders go out with ctx.nc.publish (core NATS, no PubAck asked for) and the sequences are worked out from the stream's info afterwards, so nothing ever confirmed a publish.
// Fails: publishes each order with js.publish

export default async function main(ctx: ExerciseContext): Promise<number[]> {
  const name = ctx.stream("orders");
  const subject = ctx.subject("orders", "created");

  const jsm = await ctx.jetstreamManager();
  await jsm.streams.add({ name, subjects: [ctx.subject("orders", ">")], max_age: ctx.nanos(60 * 60 * 1000) });
  const before = (await jsm.streams.info(name)).state.last_seq;

  // The stream captures the subject anyway, so a plain publish ends up stored too.
  for (let i = 1; i <= 5; i++) {
    ctx.nc.publish(subject, `order-${i}`);
  }
  await ctx.nc.flush();

  // Wait until the stream holds them, then the five newest sequences are ours.
  let last = before;
  while (last < before + 5) {
    await ctx.sleep(20);
    last = (await jsm.streams.info(name)).state.last_seq;
  }
  return [1, 2, 3, 4, 5].map((i) => before + i);
}
