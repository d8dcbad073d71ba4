interface Transaction {
  id: string;
  account: string;
  amount: number;
}

const WORKERS = ["w1", "w2", "w3"];

export default async function main(ctx: ExerciseContext): Promise<{ handled: Record<string, number>; audited: number }> {
  const work = ctx.subject("tx", "work");
  const processed = ctx.subject("tx", "processed");
  // The check publishes "done" once it has sent every transaction.
  const done = ctx.nc.subscribe(ctx.subject("tx", "done"), { max: 1 });

  const handled: Record<string, number> = {};
  for (const name of WORKERS) {
    handled[name] = 0;
    // Same subject, same queue name: the server hands each transaction to ONE of the three.
    ctx.nc.subscribe(work, {
      queue: "tx-workers",
      callback: (err, msg) => {
        if (err) return;
        const tx = JSON.parse(msg.string()) as Transaction;
        handled[name] = (handled[name] ?? 0) + 1;
        ctx.nc.publish(processed, JSON.stringify({ id: tx.id, worker: name }));
      },
    });
  }

  // The auditor: a plain subscription, outside any group, so it still gets every transaction.
  let audited = 0;
  ctx.nc.subscribe(work, {
    callback: () => {
      audited++;
    },
  });

  // Make sure the server knows every subscription, then tell the check to start sending.
  await ctx.nc.flush();
  ctx.nc.publish(ctx.subject("tx", "ready"), "");

  for await (const _ of done) {
    // Nothing to do: the loop ends with the single "done" message.
  }
  // Our results are on their way to the server before the connection closes.
  await ctx.nc.flush();

  ctx.log("handled per worker:", handled, "audited:", audited);
  return { handled, audited };
}
