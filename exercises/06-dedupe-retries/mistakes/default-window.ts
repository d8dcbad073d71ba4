// Mistake: step 1 left out: the stream keeps the server's default duplicate window (2 minutes), not the one minute asked for.
// Fails: keeps a duplicate window of exactly one minute
const payments = [
  { id: "pay-1001", amount: 25 },
  { id: "pay-1002", amount: 40 },
  { id: "pay-1003", amount: 15 },
  { id: "pay-1004", amount: 90 },
];

export default async function main(ctx: ExerciseContext): Promise<number> {
  const jsm = await ctx.jetstreamManager();
  // Deduplication is on by default anyway, so no duplicate_window here.
  await jsm.streams.add({
    name: ctx.stream("payments"),
    subjects: [ctx.subject("payments", ">")],
    max_age: ctx.nanos(60 * 60 * 1000),
  });

  const js = ctx.jetstream();
  const subject = ctx.subject("payments", "captured");
  const rejected: string[] = [];
  for (const payment of payments) {
    for (let attempt = 1; attempt <= 2; attempt++) {
      const ack = await js.publish(subject, JSON.stringify(payment), { msgID: payment.id });
      if (ack.duplicate) rejected.push(payment.id);
    }
  }
  return rejected.length;
}
