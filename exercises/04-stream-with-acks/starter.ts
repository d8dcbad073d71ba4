export default async function main(ctx: ExerciseContext): Promise<number[]> {
  const name = ctx.stream("orders");
  const subject = ctx.subject("orders", "created");
  const sequences: number[] = [];

  // TODO 1: create the stream `name` on ctx.subject("orders", ">") with a max age of one hour.

  // TODO 2: publish with JetStream and keep each acknowledgement's sequence number.
  for (let i = 1; i <= 5; i++) {
    ctx.nc.publish(subject, `order-${i}`);
  }

  ctx.log(`published to ${subject}, stream ${name}:`, sequences);
  return sequences;
}
