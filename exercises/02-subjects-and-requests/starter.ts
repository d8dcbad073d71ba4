/** How long the service listens when nobody sends "stop" (a plain Run). */
const SERVE_MS = 8_000;

interface Debit {
  account: string;
  amount: number;
}

export default async function main(ctx: ExerciseContext) {
  const counts: Record<string, number> = {};
  const balances: Record<string, number> = {};
  const debits: Debit[] = [];

  // TODO 1: this only hears the credits of one account. Use a wildcard so it hears every
  // transaction event ex.<pid>.tx.<account>.<type>, and keep the balance of each account too
  // (a credit adds its amount, a debit subtracts it).
  const all = ctx.nc.subscribe(ctx.subject("tx", "acc-1", "credit"));
  void (async () => {
    for await (const msg of all) {
      const [account = "?", type = "?"] = msg.subject.split(".").slice(-2);
      const { amount } = msg.json<{ amount: number }>();
      counts[account] = (counts[account] ?? 0) + 1;
      ctx.log(`${type} of ${amount} on ${account}`);
    }
  })();

  // TODO 2: a second subscription that hears only debits, of any account, and pushes
  // { account, amount } into `debits`.

  // TODO 3: a responder on ctx.subject("balance", "*"): reply to each request with the balance of
  // the account named by the subject's last token, as text ("0" for an account never seen).

  // --- Provided: lets the checker drive your service. Leave this part as it is. ---
  const stopped = new Promise<void>((resolve) => {
    ctx.nc.subscribe(ctx.subject("control", "stop"), { max: 1, callback: () => resolve() });
  });
  await ctx.nc.flush();
  ctx.nc.publish(ctx.subject("control", "ready"));
  ctx.log(`ready: serving for ${SERVE_MS / 1000} s, or until the checker says "stop"`);
  await Promise.race([stopped, ctx.sleep(SERVE_MS).catch(() => undefined)]);
  // --- End of the provided part. ---

  ctx.log("counts:", counts, "debits:", debits, "balances:", balances);
  return { counts, debits };
}
