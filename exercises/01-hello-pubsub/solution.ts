export default async function main(ctx: ExerciseContext): Promise<string[]> {
  const subject = ctx.subject("greetings");
  const received: string[] = [];

  // Subscribe first: core NATS only delivers to subscriptions that already exist.
  const sub = ctx.nc.subscribe(subject, { max: 3 });

  for (const n of [1, 2, 3]) {
    ctx.nc.publish(subject, `hello ${n}`);
  }

  for await (const msg of sub) {
    received.push(msg.string());
  }

  ctx.log("received:", received);
  return received;
}
