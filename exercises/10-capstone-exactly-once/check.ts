import type { CheckHarness, MainOutcome, MainRun } from "../../web/src/exercises/checks/api.ts";

const ACCOUNTS = ["acc-1", "acc-2", "acc-3", "acc-4", "acc-5"];
/** Published before main starts... */
const BEFORE = 200;
/** ...and while it runs, in chunks, "in real time". */
const DURING = 100;
const CHUNK = 25;
const CHUNK_EVERY_MS = 250;
/** The crash after a snapshot comes once a snapshot (or the ack floor) has reached this sequence. */
const CRASH_FROM_SEQ = 100;
/** One transaction early in the stream is slow to apply (Slow-Ms): the crash before the snapshot lands in its work. */
const SLOW_FROM_SEQ = 41;
const SLOW_TO_SEQ = 80;
const SLOW_MS = 800;
/** The crash comes this long after the slow transaction's batch reached main: its work is far from over. */
const CRASH_DELAY_MS = 250;
/** Tries to crash between "snapshot stored" and "acks arrived" before giving up. */
const MAX_CRASHES = 5;
/** The README's ack wait: redeliveries of what a crashed run left unacked come back after it. */
const ACK_WAIT_MS = 2_000;
const NANOS_PER_MS = 1_000_000;
const HOUR_MS = 60 * 60 * 1000;

interface ConsumerState {
  config: { durable_name?: string; ack_policy: string; ack_wait?: number; deliver_subject?: string };
  delivered: { stream_seq: number };
  ack_floor: { stream_seq: number };
  num_pending: number;
  num_ack_pending: number;
}

interface Snapshot {
  totals: Record<string, number>;
  lastSeq: number;
}

/** A snapshot as main stored it, or null when the text is not `{ totals, lastSeq }`. */
function parseSnapshot(text: string): Snapshot | null {
  try {
    const s = JSON.parse(text) as { totals?: unknown; lastSeq?: unknown };
    if (typeof s.lastSeq !== "number" || typeof s.totals !== "object" || s.totals === null) return null;
    return { totals: s.totals as Record<string, number>, lastSeq: s.lastSeq };
  } catch {
    return null;
  }
}

/** What the server knew right after a crash. */
interface CrashState {
  snapshotSeq: number | null;
  ackFloor: number | null;
  ackPending: number;
}

/**
 * Publishes transactions, runs main and crashes it twice, restarting it each time: in the middle of
 * a slow transaction's work (its batch neither in a snapshot nor acked), then while a batch is stored
 * in the snapshot but not yet acked. Checks on the server that each crash hit its gap, and compares
 * what main ends with to the truth.
 */
export default async function check(t: CheckHarness): Promise<void> {
  const stream = t.stream("transactions");
  const totalsStream = t.stream("totals");
  const totalsSubject = t.subject("totals");
  // The harness has no consumer(): names are `<area>_<pid>_<name>`, as ctx.consumer builds them.
  const [area, pid] = t.subject("x").split(".");
  const consumerName = `${area}_${pid}_aggregator`;
  const jsm = await t.jsm();

  await t.deleteStream(stream);
  await t.deleteStream(totalsStream);
  await jsm.streams.add({ name: stream, subjects: [t.subject("transactions", ">")], max_age: HOUR_MS * NANOS_PER_MS });

  const truth: Record<string, number> = {};
  let txCount = 0;
  // The stream starts empty, so transaction n is stream sequence n; this one takes SLOW_MS to apply.
  const slowSeq = SLOW_FROM_SEQ + Math.floor(Math.random() * (SLOW_TO_SEQ - SLOW_FROM_SEQ + 1));
  const publishTransactions = async (n: number) => {
    const txs = Array.from({ length: n }, () => {
      txCount++;
      const account = ACCOUNTS[Math.floor(Math.random() * ACCOUNTS.length)] as string;
      const amount = 100 + Math.floor(Math.random() * 99_900);
      truth[account] = (truth[account] ?? 0) + amount;
      return { id: `tx-${txCount}`, account, amount };
    });
    // One connection keeps the order: the stream sequence follows the list.
    await Promise.all(
      txs.map((tx) =>
        t.publish(
          t.subject("transactions", "card"),
          JSON.stringify(tx),
          tx.id === `tx-${slowSeq}` ? { headers: { "Slow-Ms": String(SLOW_MS) } } : undefined,
        ),
      ),
    );
  };

  const consumerInfo = async (): Promise<ConsumerState | null> => {
    try {
      return (await jsm.consumers.info(stream, consumerName)) as ConsumerState;
    } catch {
      return null;
    }
  };
  const lastSnapshot = async (): Promise<Snapshot | null> => {
    const stored = await t.storedMessages(totalsStream).catch(() => []);
    const last = stored.filter((m) => m.subject === totalsSubject).at(-1);
    return last ? parseSnapshot(last.text) : null;
  };

  await publishTransactions(BEFORE);

  // Every snapshot main publishes passes here too. The crash comes from inside this callback, the
  // moment a snapshot at or past `crashFrom` shows up: before main has its PubAck and sends the acks.
  const trigger: { crashFrom: number | null; crashing: Promise<void> | null; snapshots: number } = {
    crashFrom: null,
    crashing: null,
    snapshots: 0,
  };
  const sub = t.nc.subscribe(totalsSubject, {
    callback: (err, msg) => {
      if (err) return;
      const s = parseSnapshot(msg.string());
      if (!s) return;
      trigger.snapshots++;
      if (trigger.crashFrom !== null && !trigger.crashing && s.lastSeq >= trigger.crashFrom) {
        trigger.crashFrom = null;
        trigger.crashing = t.crashMain();
      }
    },
  });
  await t.nc.flush();

  let run: MainRun = t.startMain();
  const ended = { current: false };
  const watch = (r: MainRun) => {
    ended.current = false;
    void r.finished.then(() => {
      if (run === r) ended.current = true;
    });
  };
  watch(run);

  // Real time: more transactions arrive while main works.
  const during = (async () => {
    for (let sent = 0; sent < DURING; sent += CHUNK) {
      await t.sleep(CHUNK_EVERY_MS);
      await publishTransactions(Math.min(CHUNK, DURING - sent));
    }
  })();

  /** Waits for a snapshot at `fromSeq` or later (or, for code that stores none, the ack floor there) and crashes main. */
  const crashWhenAt = async (fromSeq: number): Promise<boolean> => {
    trigger.crashing = null;
    trigger.crashFrom = fromSeq;
    const deadline = Date.now() + 6_000;
    while (!trigger.crashing && !ended.current && Date.now() < deadline) {
      await t.sleep(50);
      if (trigger.crashing || trigger.snapshots > 0) continue;
      const info = await consumerInfo();
      if (!trigger.crashing && info && info.ack_floor.stream_seq >= fromSeq) {
        trigger.crashing = t.crashMain();
      }
    }
    trigger.crashFrom = null;
    const crashing = trigger.crashing as Promise<void> | null;
    if (!crashing) return false;
    await crashing;
    return true;
  };

  // 1. The crash before the snapshot: once the slow transaction's batch has reached main, in the
  //    middle of its work, while that batch is neither stored in a snapshot nor acked.
  let before: CrashState | null = null;
  let crashedAt = Date.now();
  const slowDeadline = Date.now() + 8_000;
  let slowDelivered = false;
  while (!ended.current && Date.now() < slowDeadline) {
    slowDelivered = ((await consumerInfo())?.delivered.stream_seq ?? 0) >= slowSeq;
    if (slowDelivered) break;
    await t.sleep(50);
  }
  if (slowDelivered) {
    await t.sleep(CRASH_DELAY_MS);
    await t.crashMain();
    crashedAt = Date.now();
    await t.sleep(150);
    const info = await consumerInfo();
    before = {
      snapshotSeq: (await lastSnapshot())?.lastSeq ?? null,
      ackFloor: info?.ack_floor.stream_seq ?? null,
      ackPending: info?.num_ack_pending ?? 0,
    };
    run = t.restartMain();
    watch(run);
  }

  // 2. The crash after a snapshot, before its acks.
  let crash: CrashState | null = null;
  let crashes = 0;
  let from = Math.max(CRASH_FROM_SEQ, slowSeq + 1);
  while (crashes < MAX_CRASHES && (await crashWhenAt(from))) {
    crashes++;
    crashedAt = Date.now();
    // Acks the crashed run sent before its connection closed are the server's to process first.
    await t.sleep(150);
    const info = await consumerInfo();
    const snapshot = await lastSnapshot();
    crash = {
      snapshotSeq: snapshot?.lastSeq ?? null,
      ackFloor: info?.ack_floor.stream_seq ?? null,
      ackPending: info?.num_ack_pending ?? 0,
    };
    const hit = crash.snapshotSeq !== null && crash.ackFloor !== null && crash.snapshotSeq > crash.ackFloor;
    run = t.restartMain();
    watch(run);
    // A hit, or code that stores no snapshot: no use trying again. A miss (the acks were through first): again, later.
    if (hit || crash.snapshotSeq === null) break;
    from = crash.snapshotSeq + 1;
  }
  await during;
  // Whatever the crash left unacked comes back after the ack wait: the end marker comes later still.
  await t.sleep(Math.max(0, crashedAt + ACK_WAIT_MS + 500 - Date.now()));
  const end = await t.publish(t.subject("transactions", "end"), JSON.stringify({ end: true }));
  const lastSeq = end.seq;

  const outcome: MainOutcome = await run.finished;
  sub.unsubscribe();

  let info = await consumerInfo();
  const deadline = Date.now() + 2_000;
  while (Date.now() < deadline && info && info.ack_floor.stream_seq < lastSeq) {
    await t.sleep(100);
    info = await consumerInfo();
  }
  const finalSnapshot = await lastSnapshot();

  await t.check(`creates the durable pull consumer ${consumerName}: explicit acks, ack wait 2 s`, () => {
    t.expect.ok(info, `There is no consumer named ${consumerName} on ${stream}: create it with durable_name: ctx.consumer("aggregator").`);
    t.expect.equal(info.config.durable_name, consumerName, "durable_name");
    t.expect.ok(!info.config.deliver_subject, `${consumerName} has a deliver_subject, so it is a push consumer: leave it out.`);
    t.expect.equal(info.config.ack_policy, "explicit", "ack_policy");
    t.expect.equal((info.config.ack_wait ?? 0) / NANOS_PER_MS, ACK_WAIT_MS, "ack_wait (in ms)");
  });

  await t.check(`keeps one snapshot { totals, lastSeq } in ${totalsStream}`, async () => {
    const stream = await t.streamInfo(totalsStream);
    t.expect.ok(stream, `There is no stream named ${totalsStream}: main must store its state on the server.`);
    t.expect.equal(stream.config.max_msgs_per_subject, 1, "max_msgs_per_subject (only the latest snapshot matters)");
    t.expect.ok(finalSnapshot, `${totalsStream} holds no { totals, lastSeq } message on ${totalsSubject}.`);
  });

  await t.check(
    `crash before the snapshot: tx-${slowSeq} (Slow-Ms ${SLOW_MS}) delivered, in its work, not yet in a snapshot or acked`,
    () => {
      t.expect.ok(
        before,
        `The consumer ${consumerName} never delivered tx-${slowSeq} (seq ${slowSeq}), so the check could not crash your code during its work.`,
      );
      t.expect.ok(
        before.snapshotSeq === null || before.snapshotSeq < slowSeq,
        `At the crash, ${CRASH_DELAY_MS} ms into tx-${slowSeq}'s ${SLOW_MS} ms of work, the stored snapshot already included it (lastSeq ${before.snapshotSeq}): ` +
          `keep the given slow work (ctx.sleep of the Slow-Ms header) before adding the amount, and publish the snapshot after the batch.`,
      );
      t.expect.ok(
        before.ackFloor === null || before.ackFloor < slowSeq,
        `At the crash, in the middle of tx-${slowSeq}'s work, the server already had its ack (ack floor ${before.ackFloor}): ack only after the snapshot that includes it is stored.`,
      );
    },
  );

  await t.check("crash after the snapshot, before the acks: a batch stored in the snapshot but not yet acked", () => {
    t.expect.ok(crash, "Main was never crashed: it stored no snapshot, and its ack floor never reached " + `seq ${CRASH_FROM_SEQ}.`);
    t.expect.ok(
      crash.snapshotSeq !== null,
      `At the crash (ack floor ${crash.ackFloor ?? "none"}) ${totalsStream} held no snapshot: a restarted process had nothing to continue from.`,
    );
    t.expect.ok(
      crash.ackFloor !== null && crash.snapshotSeq > crash.ackFloor && crash.ackPending > 0,
      `After ${crashes} crash(es), the server never showed a snapshot ahead of the acks (last: snapshot at seq ${crash.snapshotSeq}, ack floor ${crash.ackFloor}, ${crash.ackPending} unacked). Store the snapshot first, then ack.`,
    );
  });

  await t.check(`the stored totals match the transactions published, up to the end marker (seq ${lastSeq})`, () => {
    t.expect.ok(finalSnapshot, `${totalsStream} holds no snapshot to compare.`);
    t.expect.equal(finalSnapshot.lastSeq, lastSeq, "lastSeq of the final snapshot (the end marker's sequence)");
    const sum = (totals: Record<string, unknown>) => Object.values(totals).reduce<number>((a, v) => a + (typeof v === "number" ? v : 0), 0);
    const diff = sum(finalSnapshot.totals) - sum(truth);
    const totals = `totals per account in cents: expected ${JSON.stringify(truth)} (what the check published), got ${JSON.stringify(finalSnapshot.totals)}`;
    if (diff < 0)
      t.expect.fail(
        `${totals}. In all ${-diff} cents too little: transactions were lost. After the crash before the snapshot, the batch it was working on comes back ` +
          `(redelivered, or from a consumer started after lastSeq): was it skipped as already counted? A consumer kept from before hands out newer messages first.`,
      );
    if (diff > 0)
      t.expect.fail(
        `${totals}. In all ${diff} cents too much: transactions counted twice. After the crash after the snapshot, its batch comes back: ` +
          `skip m.seq <= lastSeq, and start the consumer after lastSeq.`,
      );
    t.expect.equal(finalSnapshot.totals, truth, "totals per account in cents (vs. what the check published)");
  });

  await t.check("the restarted main returns the same totals", () => {
    t.expect.equal(t.returned(outcome), truth, "what the restarted main returned (vs. the check's own totals)");
  });

  await t.check(`acks everything: ack floor at ${lastSeq}, nothing pending`, () => {
    t.expect.ok(info, `There is no consumer named ${consumerName} to look at.`);
    t.expect.equal(info.num_ack_pending, 0, "num_ack_pending (delivered but never acked)");
    t.expect.equal(info.num_pending, 0, "num_pending (never delivered)");
    t.expect.equal(info.ack_floor.stream_seq, lastSeq, "ack floor (stream sequence)");
  });
}
