// Mistake: counts the retries it sent (every second attempt) instead of the acknowledgements the server marked as duplicates.
// Fails: returns how many retries the server rejected
const payments = [
  { id: "pay-1001", amount: 25 },
  { id: "pay-1002", amount: 40 },
  { id: "pay-1003", amount: 15 },
  { id: "pay-1004", amount: 90 },
];

export default async function main(ctx: ExerciseContext): Promise<number> {
  const jsm = await ctx.jetstreamManager();
  await jsm.streams.add({
    name: ctx.stream("payments"),
    subjects: [ctx.subject("payments", ">")],
    max_age: ctx.nanos(60 * 60 * 1000),
    duplicate_window: ctx.nanos(60 * 1000),
  });

  const js = ctx.jetstream();
  const subject = ctx.subject("payments", "captured");
  let retries = 0;
  for (const payment of payments) {
    for (let attempt = 1; attempt <= 2; attempt++) {
      await js.publish(subject, JSON.stringify(payment), { msgID: payment.id });
      // The second attempt is the retry, and the id makes the server drop it.
      if (attempt === 2) retries++;
    }
  }
  return retries;
}
