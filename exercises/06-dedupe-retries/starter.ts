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
    // TODO 1: a duplicate window of one minute.
  });

  const js = ctx.jetstream();
  const subject = ctx.subject("payments", "captured");
  // Payment ids whose retry the server rejected as a duplicate.
  const rejected: string[] = [];
  for (const payment of payments) {
    // The second attempt plays the retry after a lost acknowledgement.
    for (let attempt = 1; attempt <= 2; attempt++) {
      // TODO 2: publish with the payment's id as the message id.
      const ack = await js.publish(subject, JSON.stringify(payment));
      // TODO 3: remember the payments whose retry the server rejected (ack.duplicate).
      ctx.log(`${payment.id} attempt ${attempt}: seq ${ack.seq}`);
    }
  }
  return rejected.length;
}
