// Mistake: main publishes the greetings but returns the list it expects instead of what a subscription received; it never subscribed.
// Fails: returns the three greetings its own subscription received

export default async function main(ctx: ExerciseContext): Promise<string[]> {
  const subject = ctx.subject("greetings");
  const greetings = ["hello 1", "hello 2", "hello 3"];
  for (const text of greetings) {
    ctx.nc.publish(subject, text);
  }
  await ctx.nc.flush();
  // They were published, so this is what anyone subscribed would receive.
  return greetings;
}
