// Mistake: main collects String(msg.data), the bytes as a list of numbers, instead of the text msg.string().
// Fails: returns the three greetings its own subscription received

export default async function main(ctx: ExerciseContext): Promise<string[]> {
  const subject = ctx.subject("greetings");
  const received: string[] = [];
  const sub = ctx.nc.subscribe(subject, { max: 3 });
  for (const n of [1, 2, 3]) {
    ctx.nc.publish(subject, `hello ${n}`);
  }
  for await (const msg of sub) {
    received.push(String(msg.data));
  }
  return received;
}
