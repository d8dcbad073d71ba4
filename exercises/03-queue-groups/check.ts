import type { CheckHarness } from "../../web/src/exercises/checks/api.ts";

const TOTAL = 300;
const MIN_WORKERS = 3;
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

/** How often each key occurs. */
function tally(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

/** Starts the participant's pool, sends it real transactions, and compares what each side saw. */
export default async function check(t: CheckHarness): Promise<void> {
  const work = t.subject("tx", "work");
  const processedSubject = t.subject("tx", "processed");
  // Observers first, so they see everything: the results, and a plain subscription on the work subject.
  const results = t.collect(processedSubject);
  const plain = t.collect(work);
  const ready = t.collect(t.subject("tx", "ready"));
  await t.nc.flush();

  const run = t.startMain();
  let ended = false;
  void run.finished.then(() => (ended = true));
  const wasReady = await t.waitFor(() => ready.messages.length > 0 || ended, READY_WAIT_MS);
  const started = wasReady && ready.messages.length > 0;

  if (started) {
    for (let n = 1; n <= TOTAL; n++) {
      const tx = { id: txId(n), account: `acc-${(n % 7) + 1}`, amount: ((n * 37) % 500) + 0.5 };
      t.nc.publish(work, JSON.stringify(tx));
    }
    await t.nc.flush();
    await t.waitFor(() => results.messages.length >= TOTAL && plain.messages.length >= TOTAL, DELIVERY_WAIT_MS);
    await t.sleep(SETTLE_MS);
  }
  t.nc.publish(t.subject("tx", "done"), "");
  await t.nc.flush();
  const outcome = await run.finished;
  results.stop();
  plain.stop();
  ready.stop();

  const parsed = results.texts().map(parseResult);
  const valid = parsed.filter((r): r is { id: string; worker: string } => r !== null);
  const perId = tally(valid.map((r) => r.id));
  const perWorker = tally(valid.map((r) => r.worker));

  await t.check(`processes each of the ${TOTAL} transactions exactly once`, () => {
    t.expect.ok(
      started,
      `main never published on ${t.subject("tx", "ready")}, so no transactions were sent: keep the starter's "ready" handshake.`,
    );
    t.expect.ok(
      parsed.length === valid.length,
      `Some results on ${processedSubject} are not JSON like {"id":"tx-0001","worker":"w1"}: ${results.texts().find((_, i) => parsed[i] === null)}`,
    );
    const missing = Array.from({ length: TOTAL }, (_, i) => txId(i + 1)).filter((id) => !perId[id]);
    const twice = Object.entries(perId).filter(([, count]) => count > 1);
    t.expect.ok(
      twice.length === 0,
      `${twice.length} transactions were processed more than once (e.g. ${twice[0]?.[0]} ×${twice[0]?.[1]}): are all workers in ONE queue group?`,
    );
    t.expect.ok(
      missing.length === 0,
      `${missing.length} of ${TOTAL} transactions have no result on ${processedSubject} (e.g. ${missing[0]}): publish one per processed transaction.`,
    );
    t.expect.equal(valid.length, TOTAL, `results on ${processedSubject}`);
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

  await t.check("returns how many transactions each worker handled", () => {
    const value = t.returned(outcome) as { handled?: unknown } | null;
    const handled = value?.handled;
    t.expect.ok(
      handled !== null && typeof handled === "object" && !Array.isArray(handled),
      `main should return { handled: { w1: n, … }, audited: n }, but returned ${JSON.stringify(value)}`,
    );
    const counts = Object.values(handled as Record<string, unknown>);
    const sum = counts.reduce<number>((acc, c) => acc + (typeof c === "number" ? c : NaN), 0);
    t.expect.equal(sum, TOTAL, "sum of the per-worker counts main returned");
    t.expect.ok(
      counts.length >= MIN_WORKERS && counts.every((c) => typeof c === "number" && c > 0),
      `every worker should have handled some transactions, got ${JSON.stringify(handled)}`,
    );
    t.expect.equal(handled, perWorker, `counts main returned (vs. results each worker published on ${processedSubject})`);
  });

  await t.check(`subscriptions outside the group (your auditor, the checker's) each get all ${TOTAL}`, () => {
    t.expect.ok(started, "No transactions were sent: main never signalled ready.");
    t.expect.equal(plain.messages.length, TOTAL, "transactions the checker's plain subscription received");
    const value = t.returned(outcome) as { audited?: unknown } | null;
    t.expect.equal(value?.audited, TOTAL, "transactions your auditor counted (audited)");
  });
}
