// Mistake: the transaction subscription uses tx.* instead of tx.>, and * matches exactly one token, so it hears none of the tx.<account>.<type> events.
// Fails: counts the events of every account
// Fails: answers balance requests

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

  // Every transaction event: a wildcard for what follows tx.
  const all = ctx.nc.subscribe(ctx.subject("tx", "*"));
  void (async () => {
    for await (const msg of all) {
      // ex.<pid>.tx.<account>.<type>: the last two tokens.
      const [account = "?", type = "?"] = msg.subject.split(".").slice(-2);
      const { amount } = msg.json<{ amount: number }>();
      counts[account] = (counts[account] ?? 0) + 1;
      const sign = type === "debit" ? -1 : 1;
      balances[account] = (balances[account] ?? 0) + sign * amount;
    }
  })();

  // Only debits, whatever the account: `*` matches exactly one token.
  const onlyDebits = ctx.nc.subscribe(ctx.subject("tx", "*", "debit"));
  void (async () => {
    for await (const msg of onlyDebits) {
      const account = msg.subject.split(".").at(-2) ?? "?";
      debits.push({ account, amount: msg.json<{ amount: number }>().amount });
    }
  })();

  // Balance lookups: a request on balance.<account> gets the balance as its reply.
  const lookups = ctx.nc.subscribe(ctx.subject("balance", "*"));
  void (async () => {
    for await (const msg of lookups) {
      const account = msg.subject.split(".").at(-1) ?? "?";
      msg.respond(String(balances[account] ?? 0));
    }
  })();

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
