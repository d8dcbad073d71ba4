import type { CheckHarness } from "../../web/src/exercises/checks/api.ts";

const TOTAL = 300;
const MIN_WORKERS = 3;
/** The queue group the README asks for; the checker joins it too, as one more member. */
const QUEUE = "tx-workers";
/** Starting the participant's worker and subscribing takes a moment on a busy machine. */
const READY_WAIT_MS = 8_000;
/** 300 small messages on a local server take milliseconds; this is generous. */
const DELIVERY_WAIT_MS = 2_000;
/** After the expected count arrived, a short pause to catch copies that should not exist. */
const SETTLE_MS = 200;

const txId = (n: number) => `tx-${String(n).padStart(4, "0")}`;

/** A result the participant published on tx.processed, or null when it is not the expected JSON. */
function parseResult(text: string): { id: string; worker: string } | null {
  try {
    const value = JSON.parse(text) as { id?: unknown; worker?: unknown };
    return typeof value.id === "string" && typeof value.worker === "string" ? { id: value.id, worker: value.worker } : null;
  } catch {
    return null;
  }
}

/** The id of a transaction the checker sent, as its queue member received it. */
function parseTxId(text: string): string {
  try {
    const value = JSON.parse(text) as { id?: unknown };
    return typeof value.id === "string" ? value.id : text;
  } catch {
    return text;
  }
}

/** How often each key occurs. */
function tally(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

/**
 * Starts the participant's pool, joins its queue group as a fourth member, sends it real
 * transactions, and compares what each side saw with what the server says it delivered.
 */
export default async function check(t: CheckHarness): Promise<void> {
  const work = t.subject("tx", "work");
  const processedSubject = t.subject("tx", "processed");
  // Observers first, so they see everything: the results, a plain subscription on the work subject,
  // and a member of the queue group. In a real group the server gives that member about a quarter of
  // the transactions and the participant's workers the rest; a "pool" that is not a group on the
  // server (one plain subscription dealing out messages, or other queue names) leaves the checker
  // alone in tx-workers, so it gets every transaction and each one is processed twice.
  const results = t.collect(processedSubject);
  const plain = t.collect(work);
  const member = t.nc.subscribe(work, { queue: QUEUE });
  const memberIds: string[] = [];
  void (async () => {
    for await (const m of member) memberIds.push(parseTxId(m.string()));
  })();
  const ready = t.collect(t.subject("tx", "ready"));
  await t.nc.flush();

  const run = t.startMain();
  let ended = false;
  void run.finished.then(() => (ended = true));
  const wasReady = await t.waitFor(() => ready.messages.length > 0 || ended, READY_WAIT_MS);
  const started = wasReady && ready.messages.length > 0;

  let server: Awaited<ReturnType<typeof run.connection>> = null;
  if (started) {
    for (let n = 1; n <= TOTAL; n++) {
      const tx = { id: txId(n), account: `acc-${(n % 7) + 1}`, amount: ((n * 37) % 500) + 0.5 };
      t.nc.publish(work, JSON.stringify(tx));
    }
    await t.nc.flush();
    await t.waitFor(() => results.messages.length + memberIds.length >= TOTAL && plain.messages.length >= TOTAL, DELIVERY_WAIT_MS);
    await t.sleep(SETTLE_MS);
    // The server's view while the workers are still subscribed (a solution may drain before returning).
    server = await run.connection();
  }
  t.nc.publish(t.subject("tx", "done"), "");
  await t.nc.flush();
  const outcome = await run.finished;
  server ??= await run.connection();
  results.stop();
  plain.stop();
  member.unsubscribe();
  ready.stop();

  const parsed = results.texts().map(parseResult);
  const valid = parsed.filter((r): r is { id: string; worker: string } => r !== null);
  const perId = tally(valid.map((r) => r.id));
  const perWorker = tally(valid.map((r) => r.worker));
  const checkerShare = new Set(memberIds);
  const workSubs = (server?.subscriptions ?? []).filter((s) => s.subject === work);
  const groupSubs = workSubs.filter((s) => s.queue === QUEUE);

  await t.check(`processes each of the ${TOTAL} transactions exactly once`, () => {
    t.expect.ok(
      started,
      `main never published on ${t.subject("tx", "ready")}, so no transactions were sent: keep the starter's "ready" handshake.`,
    );
    t.expect.ok(
      parsed.length === valid.length,
      `Some results on ${processedSubject} are not JSON like {"id":"tx-0001","worker":"w1"}: ${results.texts().find((_, i) => parsed[i] === null)}`,
    );
    t.expect.ok(
      valid.length > 0,
      `No results on ${processedSubject}: your workers should publish {"id":…,"worker":…} for each transaction they process (step 2).`,
    );
    const both = Object.keys(perId).filter((id) => checkerShare.has(id));
    t.expect.ok(
      both.length === 0,
      `${both.length} transactions were handed to the checker's member of the queue group "${QUEUE}" AND processed by your workers (e.g. ${both[0]}): ` +
        `in one group each message goes to ONE member, so your workers are not in the group "${QUEUE}" (step 1).`,
    );
    const twice = Object.entries(perId).filter(([, count]) => count > 1);
    t.expect.ok(
      twice.length === 0,
      `${twice.length} transactions were processed more than once (e.g. ${twice[0]?.[0]} ×${twice[0]?.[1]}): are all workers in ONE queue group?`,
    );
    const missing = Array.from({ length: TOTAL }, (_, i) => txId(i + 1)).filter((id) => !perId[id] && !checkerShare.has(id));
    t.expect.ok(
      missing.length === 0,
      `${missing.length} of ${TOTAL} transactions have no result on ${processedSubject} and did not go to the checker's member of the group (e.g. ${missing[0]}): ` +
        `publish one result per processed transaction, and keep everything but the workers out of the group (step 2).`,
    );
    t.expect.equal(valid.length + checkerShare.size, TOTAL, `results on ${processedSubject} plus the checker's share`);
  });

  await t.check(`shares the load among at least ${MIN_WORKERS} workers`, () => {
    const workers = Object.keys(perWorker);
    t.expect.ok(
      workers.length >= MIN_WORKERS,
      `results came from ${workers.length} worker(s) ${JSON.stringify(perWorker)}: expected at least ${MIN_WORKERS}, each with a share.`,
    );
    const whole = workers.filter((w) => (perWorker[w] ?? 0) >= TOTAL);
    t.expect.ok(
      whole.length === 0,
      `${whole.join(", ")} processed all ${TOTAL} transactions ${JSON.stringify(perWorker)}: each worker got a copy of everything instead of a share.`,
    );
  });

  await t.check(`the server's queue group "${QUEUE}": your ${MIN_WORKERS} workers and the checker, each with a share`, () => {
    t.expect.ok(started, "No transactions were sent: main never signalled ready.");
    t.expect.ok(server !== null, "The server no longer knew your connection when the check asked: keep it open until the check says done.");
    const described = JSON.stringify(workSubs.map((s) => ({ queue: s.queue ?? "(none)", delivered: s.msgs })));
    t.expect.equal(
      groupSubs.length,
      MIN_WORKERS,
      `your subscriptions on ${work} in the queue group "${QUEUE}", as the server lists them (all of them on ${work}: ${described})`,
    );
    t.expect.ok(
      groupSubs.every((s) => s.msgs > 0),
      `Every member of "${QUEUE}" should have been delivered a share; the server delivered ${JSON.stringify(groupSubs.map((s) => s.msgs))}.`,
    );
    t.expect.ok(
      checkerShare.size > 0 && checkerShare.size < TOTAL,
      `The checker's own member of "${QUEUE}" got ${checkerShare.size} of ${TOTAL} transactions: in a group of four it should get about a quarter.`,
    );
  });

  await t.check("returns how many transactions each worker handled", () => {
    const value = t.returned(outcome) as { handled?: unknown } | null;
    const handled = value?.handled;
    t.expect.ok(
      handled !== null && typeof handled === "object" && !Array.isArray(handled),
      `main should return { handled: { w1: n, … }, audited: n }, but returned ${JSON.stringify(value)}`,
    );
    const counts = Object.values(handled as Record<string, unknown>);
    t.expect.ok(
      counts.length >= MIN_WORKERS && counts.every((c) => typeof c === "number" && c > 0),
      `every worker should have handled some transactions, got ${JSON.stringify(handled)}`,
    );
    t.expect.equal(handled, perWorker, `counts main returned (vs. results each worker published on ${processedSubject})`);
  });

  await t.check(`subscriptions outside the group (your auditor, the checker's) each get all ${TOTAL}`, () => {
    t.expect.ok(started, "No transactions were sent: main never signalled ready.");
    t.expect.equal(plain.messages.length, TOTAL, "transactions the checker's plain subscription received");
    const auditors = workSubs.filter((s) => s.queue === undefined);
    t.expect.ok(
      auditors.some((s) => s.msgs === TOTAL),
      `The server should have delivered all ${TOTAL} transactions to your auditor, a subscription on ${work} with no queue group; ` +
        `it delivered ${JSON.stringify(auditors.map((s) => s.msgs))} to such subscriptions.`,
    );
    const value = t.returned(outcome) as { audited?: unknown } | null;
    t.expect.equal(value?.audited, TOTAL, "transactions your auditor counted (audited)");
  });
}
