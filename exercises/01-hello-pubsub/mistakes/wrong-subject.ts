// Mistake: a typo in the subject ("greeting"), used both to subscribe and publish, so nothing reaches the greetings subject.
// Fails: publishes "hello 1", "hello 2", "hello 3"

export default async function main(ctx: ExerciseContext): Promise<string[]> {
  const subject = ctx.subject("greeting");
  const received: string[] = [];
  const sub = ctx.nc.subscribe(subject, { max: 3 });
  for (const n of [1, 2, 3]) {
    ctx.nc.publish(subject, `hello ${n}`);
  }
  for await (const msg of sub) {
    received.push(msg.string());
  }
  return received;
}
