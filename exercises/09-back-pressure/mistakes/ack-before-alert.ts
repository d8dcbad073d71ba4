// Mistake: acks once the 10 ms of work is done and only then waits for the rate limiter and sends the alert, so the acks run ahead of the alerts and max_ack_pending no longer slows the flood down.
// Fails: acks a transaction only after its work
import type { JsMsg } from "@nats-io/jetstream";

/** One card transaction, as stored in the stream. Amounts are in cents. */
interface Transaction {
  id: string;
  account: string;
  amount: number;
}

/** Amounts from this many cents up (5,000.00) raise an alert. */
const ALERT_FROM = 500_000;
/** Transactions processed at the same time by this worker. */
const WORKERS = 5;
/** Transactions the server may hand out before it gets acks back. */
const MAX_IN_FLIGHT = 20;
/** What the alerting service downstream accepts. */
const ALERTS_PER_SECOND = 50;

export default async function main(ctx: ExerciseContext): Promise<{ processed: number; alerts: number }> {
  const stream = ctx.stream("transactions");
  const name = ctx.consumer("processor");
  await prepare(ctx, stream, name);

  const jsm = await ctx.jetstreamManager();
  // Back-pressure from the server: once MAX_IN_FLIGHT transactions are delivered and not acked yet,
  // it delivers nothing more until an ack comes back.
  await jsm.consumers.add(stream, { durable_name: name, ack_policy: "explicit", max_ack_pending: MAX_IN_FLIGHT });
  const consumer = await ctx.jetstream().consumers.get(stream, name);
  const total = (await consumer.info()).num_pending;

  const nextAlertSlot = rateLimiter(ctx, ALERTS_PER_SECOND);
  let processed = 0;
  let alerts = 0;

  /** The slow work: 10 ms per transaction, an alert for a large one, then the ack. */
  async function handle(msg: JsMsg): Promise<void> {
    const tx = msg.json<Transaction>();
    await ctx.sleep(10);
    // The work is done: ack now, so waiting for the alert slot does not hold up the stream.
    msg.ack();
    if (tx.amount >= ALERT_FROM) {
      await nextAlertSlot(); // waits for its turn: never more than ALERTS_PER_SECOND
      ctx.nc.publish(ctx.subject("alerts"), JSON.stringify(tx));
      alerts++;
    }
    processed++;
  }

  // A pool of WORKERS: start a job per message, and wait for one to finish when the pool is full.
  const running = new Set<Promise<void>>();
  let received = 0;
  if (total > 0) {
    for await (const msg of await consumer.consume()) {
      const job: Promise<void> = handle(msg).finally(() => running.delete(job));
      running.add(job);
      if (running.size >= WORKERS) await Promise.race(running);
      if (++received >= total) break; // everything delivered: leaving the loop stops consume()
    }
  }
  await Promise.all(running);
  // Acks are fire-and-forget: make sure the server has them before the connection closes.
  await ctx.nc.flush();

  const { config } = await consumer.info();
  ctx.log(`processed ${processed}, alerts ${alerts}; max_ack_pending ${config.max_ack_pending} (at most ${MAX_IN_FLIGHT} wanted)`);
  return { processed, alerts };
}

/**
 * Hands out one slot every 1000 / perSecond ms, in the order asked, however many workers ask at once.
 * The slot is reserved before waiting, so two workers never get the same one.
 */
function rateLimiter(ctx: ExerciseContext, perSecond: number): () => Promise<void> {
  const interval = 1000 / perSecond;
  let next = 0;
  return async () => {
    const now = performance.now();
    const slot = Math.max(now, next);
    next = slot + interval;
    if (slot > now) await ctx.sleep(slot - now);
  };
}

/**
 * Every run starts over: the consumer from an earlier run is deleted, so the 300 transactions are
 * delivered again. Creates the stream with 300 transactions, 100 of them large, when it does not
 * exist yet (the check prepares its own).
 */
async function prepare(ctx: ExerciseContext, stream: string, consumer: string): Promise<void> {
  const jsm = await ctx.jetstreamManager();
  try {
    await jsm.streams.info(stream);
    await jsm.consumers.delete(stream, consumer).catch(() => false); // none yet: nothing to delete
    return; // the stream is already there
  } catch {
    // not created yet
  }
  await jsm.streams.add({ name: stream, subjects: [ctx.subject("transactions", ">")], max_age: ctx.nanos(60 * 60 * 1000) });
  const js = ctx.jetstream();
  const subject = ctx.subject("transactions", "card");
  await Promise.all(
    Array.from({ length: 300 }, (_, i) => {
      const amount = i % 3 === 0 ? ALERT_FROM + ((i * 7919) % 1_500_000) : 100 + ((i * 3571) % (ALERT_FROM - 100));
      const tx: Transaction = { id: `tx-${i + 1}`, account: `acc-${(i % 7) + 1}`, amount };
      return js.publish(subject, JSON.stringify(tx));
    }),
  );
}
