// Mistake: the auditor joins the queue group too, so it only gets its share and the transactions it takes are never processed.
// Fails: processes each of the 300 transactions exactly once
// Fails: the server's queue group "tx-workers"
// Fails: subscriptions outside the group

interface Transaction {
  id: string;
  account: string;
  amount: number;
}

const WORKERS = ["w1", "w2", "w3"];
const QUEUE = "tx-workers";

export default async function main(ctx: ExerciseContext): Promise<{ handled: Record<string, number>; audited: number }> {
  const work = ctx.subject("tx", "work");
  const processed = ctx.subject("tx", "processed");
  const done = ctx.nc.subscribe(ctx.subject("tx", "done"), { max: 1 });

  const handled: Record<string, number> = {};
  for (const name of WORKERS) {
    handled[name] = 0;
    ctx.nc.subscribe(work, {
      queue: QUEUE,
      callback: (err, msg) => {
        if (err) return;
        const tx = JSON.parse(msg.string()) as Transaction;
        handled[name] = (handled[name] ?? 0) + 1;
        ctx.nc.publish(processed, JSON.stringify({ id: tx.id, worker: name }));
      },
    });
  }

  // Every subscription on the work subject uses the same options, the auditor included.
  let audited = 0;
  ctx.nc.subscribe(work, {
    queue: QUEUE,
    callback: () => {
      audited++;
    },
  });

  await ctx.nc.flush();
  ctx.nc.publish(ctx.subject("tx", "ready"), "");

  for await (const _ of done) {
    // The loop ends with the single "done" message.
  }
  await ctx.nc.flush();
  return { handled, audited };
}
