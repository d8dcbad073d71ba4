// Mistake: remembers the ids it already sent and skips the retry itself, so the server never sees (or rejects) a retry from this code.
// Fails: sends every retry to JetStream
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
  // Ids already published: a retry of one of them is a duplicate, no need to bother the server.
  const sent = new Set<string>();
  let duplicates = 0;
  for (const payment of payments) {
    for (let attempt = 1; attempt <= 2; attempt++) {
      if (sent.has(payment.id)) {
        duplicates++;
        continue;
      }
      const ack = await js.publish(subject, JSON.stringify(payment), { msgID: payment.id });
      sent.add(payment.id);
      if (ack.duplicate) duplicates++;
    }
  }
  return duplicates;
}
