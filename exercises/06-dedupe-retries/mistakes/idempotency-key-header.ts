// Mistake: the payment id sent in an Idempotency-Key header (as HTTP payment APIs do), which JetStream ignores: it deduplicates on Nats-Msg-Id only.
// Fails: stores each payment exactly once
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
    for (let attempt = 1; attempt <= 2; attempt++) {
      // The key every payment provider uses to recognise a retried request.
      const h = ctx.headers();
      h.set("Idempotency-Key", payment.id);
      const ack = await js.publish(subject, JSON.stringify(payment), { headers: h });
      if (ack.duplicate) rejected.push(payment.id);
    }
  }
  return rejected.length;
}
