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
    // TODO 1: make the three workers share the load: one queue group named "tx-workers".
    ctx.nc.subscribe(work, {
      callback: (err, msg) => {
        if (err) return;
        const tx = JSON.parse(msg.string()) as Transaction;
        // TODO 2: count the transaction for this worker and publish { id, worker } (JSON) to `processed`.
        ctx.log(`${name} got ${tx.id}, no result on ${processed} yet`);
      },
    });
  }

  // The auditor: a plain subscription, outside any group. Leave it as it is.
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
  await ctx.nc.flush();

  ctx.log("handled per worker:", handled, "audited:", audited);
  // TODO 3: the counts are returned here; check they add up once TODO 1 and 2 are done.
  return { handled, audited };
}
