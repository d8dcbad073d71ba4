import type { CheckHarness } from "../../web/src/exercises/checks/api.ts";

const TRANSACTIONS = 300;
const LARGE = 100;
/** Amounts from this many cents up (5,000.00) raise an alert. */
const ALERT_FROM = 500_000;
const MAX_IN_FLIGHT = 20;
const ALERTS_PER_SECOND = 50;
/** Timers and the network jitter a little: a paced publisher may land a few more in one window. */
const RATE_SLACK = 10;
const WINDOW_MS = 1_000;
const POLL_MS = 50;
const HOUR_MS = 60 * 60 * 1000;
/** Acks travel without an answer: give the server a moment to move the ack floor. */
const ACK_WAIT_MS = 3_000;

interface ConsumerState {
  config: { durable_name?: string; ack_policy: string; max_ack_pending?: number };
  ack_floor: { stream_seq: number };
  num_pending: number;
  num_ack_pending: number;
}

/** The transaction id inside an alert, or null when it is not the JSON the exercise publishes. */
function alertId(text: string): string | null {
  try {
    const id = (JSON.parse(text) as { id?: unknown }).id;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}

/** The most arrival times (ms, ascending) that fit in any window of `windowMs`. */
function busiestWindow(times: number[], windowMs: number): number {
  let most = 0;
  let first = 0;
  for (let last = 0; last < times.length; last++) {
    while ((times[last] as number) - (times[first] as number) >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

/**
 * Floods the stream with 300 transactions, runs the participant's code while watching its consumer on
 * the server every 50 ms, and times every alert as it arrives.
 */
export default async function check(t: CheckHarness): Promise<void> {
  const stream = t.stream("transactions");
  // The harness has no consumer(): names are `<area>_<pid>_<name>`, as ctx.consumer builds them.
  const [area, pid] = t.subject("x").split(".");
  const name = `${area}_${pid}_processor`;
  const jsm = await t.jsm();

  // A fresh stream; which transactions are large is random, so only processing them finds out.
  await t.deleteStream(stream);
  await jsm.streams.add({ name: stream, subjects: [t.subject("transactions", ">")], max_age: HOUR_MS * 1_000_000 });
  const large = new Set<number>();
  while (large.size < LARGE) large.add(Math.floor(Math.random() * TRANSACTIONS));
  const transactions = Array.from({ length: TRANSACTIONS }, (_, i) => ({
    id: `tx-${i + 1}`,
    account: `acc-${(i % 7) + 1}`,
    amount: large.has(i) ? ALERT_FROM + Math.floor(Math.random() * 1_500_000) : 100 + Math.floor(Math.random() * (ALERT_FROM - 100)),
  }));
  const acks = await Promise.all(transactions.map((tx) => t.publish(t.subject("transactions", "card"), JSON.stringify(tx))));
  const lastSeq = Math.max(...acks.map((a) => a.seq));
  // The stream sequences of the large transactions, with their ids, in order.
  const largeBySeq = acks
    .map((a, i) => ({ seq: a.seq, tx: transactions[i] as (typeof transactions)[number] }))
    .filter(({ tx }) => tx.amount >= ALERT_FROM)
    .sort((a, b) => a.seq - b.seq);
  const expectedAlerts = transactions
    .filter((tx) => tx.amount >= ALERT_FROM)
    .map((tx) => tx.id)
    .sort();

  // Every alert, with the moment it reached the checker.
  const alerts: { id: string | null; at: number }[] = [];
  const alertSub = t.nc.subscribe(t.subject("alerts"), {
    callback: (err, msg) => {
      if (!err) alerts.push({ id: alertId(msg.string()), at: performance.now() });
    },
  });
  await t.nc.flush();

  const consumerInfo = async (): Promise<ConsumerState | null> => {
    try {
      return (await jsm.consumers.info(stream, name)) as ConsumerState;
    } catch {
      return null;
    }
  };

  // While main runs, ask the server how many transactions are delivered but not acked yet, and
  // whether it has an ack for a large transaction whose alert has not arrived. Main publishes the
  // alert before the ack on one connection, so the server passes the alert on before it even sees the
  // ack, and the checker receives it before the answer that shows the ack.
  const run = t.startMain();
  let finished = false;
  const outcomePromise = run.finished.finally(() => (finished = true));
  const inFlight: number[] = [];
  let ackedEarly: { id: string; ackFloor: number; alerts: number } | null = null;
  while (!finished) {
    const info = await consumerInfo();
    if (info) {
      inFlight.push(info.num_ack_pending);
      const arrived = new Set(alerts.map((a) => a.id));
      const early = largeBySeq.find(({ seq, tx }) => seq <= info.ack_floor.stream_seq && !arrived.has(tx.id));
      if (early && !ackedEarly) ackedEarly = { id: early.tx.id, ackFloor: info.ack_floor.stream_seq, alerts: alerts.length };
    }
    await Promise.race([t.sleep(POLL_MS), outcomePromise]);
  }
  const outcome = await outcomePromise;

  let info = await consumerInfo();
  const deadline = Date.now() + ACK_WAIT_MS;
  while (info && info.ack_floor.stream_seq < lastSeq && Date.now() < deadline) {
    await t.sleep(100);
    info = await consumerInfo();
  }
  alertSub.unsubscribe();

  await t.check(`creates the durable consumer ${name} with explicit acks and max_ack_pending of at most ${MAX_IN_FLIGHT}`, () => {
    t.expect.ok(info, `There is no consumer named ${name} on ${stream}: create it with durable_name: ctx.consumer("processor").`);
    t.expect.equal(info.config.durable_name, name, "durable_name");
    t.expect.equal(info.config.ack_policy, "explicit", "ack_policy");
    const limit = info.config.max_ack_pending ?? -1;
    t.expect.ok(
      limit > 0 && limit <= MAX_IN_FLIGHT,
      `max_ack_pending: expected 1..${MAX_IN_FLIGHT}, got ${limit}${limit === 1000 ? " (the server's default)" : ""}`,
    );
  });

  await t.check(`in flight on the server: never more than ${MAX_IN_FLIGHT} transactions (looked every ${POLL_MS} ms)`, () => {
    t.expect.ok(inFlight.length > 0, `The check never found the consumer ${name} on the server while your code ran.`);
    const most = Math.max(...inFlight);
    t.expect.ok(
      most <= MAX_IN_FLIGHT,
      `num_ack_pending reached ${most} (delivered to your code, not acked yet): expected at most ${MAX_IN_FLIGHT}`,
    );
    t.expect.ok(most > 1, `num_ack_pending never went above ${most} in ${inFlight.length} looks: process several transactions at a time.`);
  });

  await t.check("acks a transaction only after its work: no ack on the server for a large transaction before its alert", () => {
    t.expect.ok(inFlight.length > 0, `The check never found the consumer ${name} on the server while your code ran.`);
    t.expect.ok(
      !ackedEarly,
      `The server had the acks of every transaction up to seq ${ackedEarly?.ackFloor} (its ack floor) while the alert for ${ackedEarly?.id} ` +
        `had not been published yet (alerts so far: ${ackedEarly?.alerts}): an early ack frees the slot before the work is done, so max_ack_pending ` +
        `no longer holds the flood back, and a crash loses what was acked but not done. Ack at the end of the job, after the alert.`,
    );
  });

  await t.check(`processes and acks all ${TRANSACTIONS}: ack floor at ${lastSeq}, nothing pending`, () => {
    t.expect.ok(info, `There is no consumer named ${name} to look at.`);
    t.expect.equal(info.num_ack_pending, 0, "num_ack_pending (delivered but never acked)");
    t.expect.equal(info.num_pending, 0, "num_pending (never delivered)");
    t.expect.equal(info.ack_floor.stream_seq, lastSeq, "ack floor (stream sequence)");
  });

  await t.check(`publishes one alert per large transaction to ${t.subject("alerts")}`, () => {
    t.expect.equal(
      alerts.map((a) => a.id).sort(),
      expectedAlerts,
      `ids of the alerts received (vs. the ${LARGE} transactions of ${ALERT_FROM / 100} or more)`,
    );
  });

  await t.check(`publishes at most ${ALERTS_PER_SECOND} alerts per second`, () => {
    t.expect.ok(alerts.length >= LARGE, `The check received ${alerts.length} alerts, expected ${LARGE}: too few to measure a rate.`);
    const most = busiestWindow(
      alerts.map((a) => a.at),
      WINDOW_MS,
    );
    t.expect.ok(
      most <= ALERTS_PER_SECOND + RATE_SLACK,
      `${most} alerts arrived within one second: expected at most ${ALERTS_PER_SECOND} (${ALERTS_PER_SECOND + RATE_SLACK} with jitter allowed)`,
    );
  });

  await t.check("returns how many transactions and alerts it handled", () => {
    t.expect.equal(t.returned(outcome), { processed: TRANSACTIONS, alerts: LARGE }, "returned");
  });
}
