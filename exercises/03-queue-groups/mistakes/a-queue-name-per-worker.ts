// Mistake: each worker names its own queue ("tx-workers-w1", …), so there are three groups of one and each worker gets every transaction.
// Fails: processes each of the 300 transactions exactly once
// Fails: shares the load among at least 3 workers
// Fails: the server's queue group "tx-workers"

interface Transaction {
  id: string;
  account: string;
  amount: number;
}

const WORKERS = ["w1", "w2", "w3"];

export default async function main(ctx: ExerciseContext): Promise<{ handled: Record<string, number>; audited: number }> {
  const work = ctx.subject("tx", "work");
  const processed = ctx.subject("tx", "processed");
  const done = ctx.nc.subscribe(ctx.subject("tx", "done"), { max: 1 });

  const handled: Record<string, number> = {};
  for (const name of WORKERS) {
    handled[name] = 0;
    ctx.nc.subscribe(work, {
      queue: `tx-workers-${name}`,
      callback: (err, msg) => {
        if (err) return;
        const tx = JSON.parse(msg.string()) as Transaction;
        handled[name] = (handled[name] ?? 0) + 1;
        ctx.nc.publish(processed, JSON.stringify({ id: tx.id, worker: name }));
      },
    });
  }

  let audited = 0;
  ctx.nc.subscribe(work, {
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
