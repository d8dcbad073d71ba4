// Mistake: main subscribes only after publishing, so the server had no subscription of its own to deliver the greetings to.
// Fails: returns the three greetings its own subscription received

export default async function main(ctx: ExerciseContext): Promise<string[]> {
  const subject = ctx.subject("greetings");
  const received: string[] = [];

  for (const n of [1, 2, 3]) {
    ctx.nc.publish(subject, `hello ${n}`);
  }

  ctx.nc.subscribe(subject, {
    max: 3,
    callback: (err, msg) => {
      if (!err) received.push(msg.string());
    },
  });
  // A round trip to the server, so whatever is on its way has arrived.
  await ctx.nc.flush();
  return received;
}
