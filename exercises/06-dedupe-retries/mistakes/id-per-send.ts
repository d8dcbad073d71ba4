// Mistake: a fresh random id per payment, made when sending: it survives the in-process retry, but a restarted publisher makes new ids and stores every payment again.
// Fails: every stored payment carries its id as Nats-Msg-Id
// Fails: rejects every retry of a restarted publisher
// Fails: rejects a late retry from another connection too
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
  const rejected: string[] = [];
  for (const payment of payments) {
    // One id for both attempts, so the retry carries the same one.
    const msgID = crypto.randomUUID();
    for (let attempt = 1; attempt <= 2; attempt++) {
      const ack = await js.publish(subject, JSON.stringify(payment), { msgID });
      if (ack.duplicate) rejected.push(payment.id);
    }
  }
  return rejected.length;
}
