import type { CheckHarness } from "../../web/src/exercises/checks/api.ts";

const TRANSACTIONS = 60;
const ACCOUNTS = ["acc-1", "acc-2", "acc-3", "acc-4"];
const ACK_WAIT_MS = 1_000;
/** One transaction's work outlasts the ack wait: the server sends it again while the first copy is being worked on. */
const SLOW_MS = 1_500;
/** The transaction main is crashed on, in the middle of its slow work (shorter than the ack wait, so its copy is finished before the next one comes). */
const CRASH_WORK_MS = 800;
/** The crash comes this long after that transaction reached main: any ack sent on receipt has arrived by then, its work is far from over. */
const CRASH_DELAY_MS = 250;
/** Crashes tried on a stored update before its ack gets out (the ack sometimes wins the race: then a later one). */
const MAX_AFTER_UPDATE_TRIES = 5;
/** How long one try waits for an update to store. */
const TRY_MS = 6_000;
/** How often the check asks the server about the consumer while main runs. */
const POLL_MS = 50;
/** A crashed run's last acks are the server's to process before the check looks. */
const SETTLE_MS = 150;
/** Main gets this long to finish after its last restart (it needs about 2 s). */
const FINISH_MS = 6_000;
const NANOS_PER_MS = 1_000_000;
const HOUR_MS = 60 * 60 * 1000;

interface ConsumerState {
  delivered: { consumer_seq: number; stream_seq: number };
  ack_floor: { stream_seq: number };
  num_pending: number;
  num_ack_pending: number;
}

/** An account's entry in the bucket, as the README asks for it: `{ cents, applied }`. */
interface Entry {
  cents: unknown;
  applied: string[];
}

const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

/** A bucket entry's value, or null when it is not JSON at all. `applied` keeps only its strings. */
function parseEntry(text: string): Entry | null {
  try {
    const v = JSON.parse(text) as { cents?: unknown; applied?: unknown };
    if (v === null || typeof v !== "object") return null;
    return { cents: v.cents, applied: Array.isArray(v.applied) ? v.applied.filter((a): a is string => typeof a === "string") : [] };
  } catch {
    return null;
  }
}

/**
 * Prepares 60 transactions and the consumer main reads them through (explicit acks, a 1 s ack wait,
 * one in flight at a time), then plays the three moments at-least-once delivery is about: a
 * transaction whose work outlasts the ack wait, a crash in the middle of a transaction's work (before
 * its update), and a crash right after an update is stored (before its ack). Each time it asks the
 * server what really happened, and in the end compares the stored balances to what it published.
 */
export default async function check(t: CheckHarness): Promise<void> {
  const stream = t.stream("transactions");
  // The harness has no consumer() or bucket(): names are built as ctx.consumer and ctx.bucket build them.
  const [area, pid] = t.subject("x").split(".");
  const name = `${area}_${pid}_balances`;
  const bucket = t.stream("balances");
  const kvStream = `KV_${bucket}`;
  const kvPrefix = `$KV.${bucket}.`;
  const jsm = await t.jsm();

  await t.deleteStream(stream);
  await t.deleteStream(kvStream);
  await jsm.streams.add({ name: stream, subjects: [t.subject("transactions", ">")], max_age: HOUR_MS * NANOS_PER_MS });
  await jsm.consumers.add(stream, {
    durable_name: name,
    ack_policy: "explicit",
    ack_wait: ACK_WAIT_MS * NANOS_PER_MS,
    max_deliver: 20,
    max_ack_pending: 1,
  });

  // Random amounts and places: nothing to hard-code. `slow` outlasts the ack wait; `crashed` is the
  // one main is crashed on in the middle of its work; the crash after an update aims from `after` on.
  const slow = randomInt(4, 12);
  const crashed = randomInt(18, 26);
  const after = randomInt(33, 38);
  const txs = Array.from({ length: TRANSACTIONS }, (_, i) => ({
    id: `tx-${1001 + i}`,
    account: ACCOUNTS[Math.floor(Math.random() * ACCOUNTS.length)] as string,
    amount: 100 + Math.floor(Math.random() * 99_900),
  }));
  const indexOf = new Map(txs.map((tx, i) => [tx.id, i]));
  const expected: Record<string, number> = {};
  for (const tx of txs) expected[tx.account] = (expected[tx.account] ?? 0) + tx.amount;
  const work = (i: number) => (i === slow ? SLOW_MS : i === crashed ? CRASH_WORK_MS : 0);
  // One connection keeps the order: stream sequence seqs[i] holds txs[i].
  const acks = await Promise.all(
    txs.map((tx, i) =>
      t.publish(t.subject("transactions", "card"), JSON.stringify(tx), work(i) ? { headers: { "Slow-Ms": String(work(i)) } } : undefined),
    ),
  );
  const seqs = acks.map((a) => a.seq);
  const lastSeq = Math.max(...seqs);
  const slowTx = txs[slow] as (typeof txs)[number];
  const crashedTx = txs[crashed] as (typeof txs)[number];

  const consumerInfo = async (): Promise<ConsumerState | null> => {
    try {
      return (await jsm.consumers.info(stream, name)) as ConsumerState;
    } catch {
      return null;
    }
  };
  /** The stored entry of `account` in the bucket, or null. */
  const storedEntry = async (account: string): Promise<{ text: string; entry: Entry | null } | null> => {
    try {
      const m = await jsm.streams.getMessage(kvStream, { last_by_subj: `${kvPrefix}${account}` });
      return m ? { text: m.string(), entry: parseEntry(m.string()) } : null;
    } catch {
      return null;
    }
  };

  // Every update main stores passes here too. Armed, the first one that applies a transaction at or
  // past `from` (the latest transaction in its `applied`) crashes main from inside this callback,
  // before main has its PubAck and sends the ack.
  const trigger: { from: number | null; hit: number | null; crashing: Promise<void> | null } = { from: null, hit: null, crashing: null };
  const updates = t.nc.subscribe(`${kvPrefix}>`, {
    callback: (err, msg) => {
      if (err || trigger.from === null || trigger.crashing) return;
      const entry = parseEntry(msg.string());
      const latest = Math.max(-1, ...(entry?.applied ?? []).map((id) => indexOf.get(id) ?? -1));
      if (latest >= trigger.from) {
        trigger.from = null;
        trigger.hit = latest;
        trigger.crashing = t.crashMain();
      }
    },
  });
  await t.nc.flush();

  // The server's view of the consumer, every POLL_MS while main runs.
  const samples: ConsumerState[] = [];
  let latest: ConsumerState | null = null;
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const info = await consumerInfo();
      if (info) samples.push((latest = info));
      await t.sleep(POLL_MS);
    }
  })();

  let run = t.startMain();
  let ended = false;
  const watch = (r: typeof run) => {
    ended = false;
    void r.finished.then(() => {
      if (run === r) ended = true;
    });
  };
  watch(run);
  let restartedAt = Date.now();
  const restart = () => {
    run = t.restartMain();
    watch(run);
    restartedAt = Date.now();
  };
  const waitUntil = async (condition: () => boolean, ms: number) => {
    const deadline = Date.now() + ms;
    while (!condition() && !ended && Date.now() < deadline) await t.sleep(20);
    return condition();
  };

  // 1. The crash before the update: once `crashedTx` has reached main, in the middle of its slow work.
  let before: { info: ConsumerState | null; stored: boolean } | null = null;
  if (await waitUntil(() => (latest?.delivered.stream_seq ?? 0) >= (seqs[crashed] as number), 8_000)) {
    await t.sleep(CRASH_DELAY_MS);
    await t.crashMain();
    await t.sleep(SETTLE_MS);
    const entry = await storedEntry(crashedTx.account);
    before = { info: await consumerInfo(), stored: entry?.entry?.applied.includes(crashedTx.id) ?? false };
    restart();
  }

  // 2. The crash after an update is stored, before its ack: the moment main stores a transaction from
  //    `after` on. A miss (the ack was through first) tries again on a later one.
  let afterUpdate: { tx: (typeof txs)[number]; ackFloor: number; stored: boolean } | null = null;
  let tries = 0;
  let from = Math.max(after, crashed + 1);
  while (tries < MAX_AFTER_UPDATE_TRIES && from < TRANSACTIONS && !ended) {
    trigger.hit = null;
    trigger.crashing = null;
    trigger.from = from;
    await waitUntil(() => trigger.crashing !== null, TRY_MS);
    trigger.from = null;
    const crashing = trigger.crashing as Promise<void> | null;
    const hit = trigger.hit as number | null;
    if (!crashing || hit === null) break;
    tries++;
    await crashing;
    await t.sleep(SETTLE_MS);
    const tx = txs[hit] as (typeof txs)[number];
    const info = await consumerInfo();
    const entry = await storedEntry(tx.account);
    afterUpdate = { tx, ackFloor: info?.ack_floor.stream_seq ?? 0, stored: entry?.entry?.applied.includes(tx.id) ?? false };
    restart();
    if (afterUpdate.stored && afterUpdate.ackFloor < (seqs[hit] as number)) break;
    from = hit + 1;
  }

  // 3. The restarted main finishes the rest; one that never ends is stopped.
  const finished = await waitUntil(() => ended, Math.max(0, restartedAt + FINISH_MS - Date.now()));
  if (!finished) await t.crashMain();
  polling = false;
  await poller;
  updates.unsubscribe();

  let info = await consumerInfo();
  const deadline = Date.now() + 2_000;
  while (finished && info && info.ack_floor.stream_seq < lastSeq && Date.now() < deadline) {
    await t.sleep(100);
    info = await consumerInfo();
  }
  const entries = new Map(await Promise.all(ACCOUNTS.map(async (a) => [a, await storedEntry(a)] as const)));

  await t.check(`redelivered while still being worked on: ${slowTx.id} (Slow-Ms ${SLOW_MS}) was sent again during its work`, () => {
    const seqSlow = seqs[slow] as number;
    // With one message in flight, every delivery while it is unacked is that message again: the
    // server's count of deliveries grows, its count of messages does not.
    const copies = (s: ConsumerState) => s.delivered.consumer_seq - s.delivered.stream_seq;
    const beforeSlow = samples.filter((s) => s.delivered.stream_seq < seqSlow).at(-1);
    const during = samples.filter((s) => s.delivered.stream_seq === seqSlow && s.ack_floor.stream_seq < seqSlow);
    t.expect.ok(
      samples.some((s) => s.delivered.stream_seq >= seqSlow),
      `The consumer ${name} never delivered ${slowTx.id}: consume from ctx.jetstream().consumers.get(stream, ctx.consumer("balances")).`,
    );
    t.expect.ok(
      during.length > 0 && Math.max(...during.map(copies)) > (beforeSlow ? copies(beforeSlow) : 0),
      `${slowTx.id} was never sent again while it waited for its ack: its ack reached the server before its ${SLOW_MS} ms of slow work could end. ` +
        `Keep the given slow work (ctx.sleep of the Slow-Ms header) before the update and the ack, ack only after the update, and do not call m.working().`,
    );
  });

  await t.check(`crash before the update: ${crashedTx.id} delivered, in its slow work, not yet stored or acked`, () => {
    t.expect.ok(before, `The consumer never delivered ${crashedTx.id}, so the check could not crash your code during its work.`);
    t.expect.ok(
      !before.stored,
      `${crashedTx.id} was already in the stored entry of ${crashedTx.account} ${CRASH_DELAY_MS} ms after it was delivered, ` +
        `though its work takes ${CRASH_WORK_MS} ms (Slow-Ms): keep the given slow work before the update.`,
    );
    const floor = before.info?.ack_floor.stream_seq ?? 0;
    t.expect.ok(
      floor < (seqs[crashed] as number),
      `At the crash, in the middle of ${crashedTx.id}'s slow work, the server already had its ack (ack floor at its sequence ${floor}), ` +
        `though its update was not stored: the server never sends it again, so the crash loses it. Ack only after the update is stored.`,
    );
  });

  await t.check("crash after the update, before the ack: a transaction stored in the bucket, not yet acked on the server", () => {
    t.expect.ok(
      afterUpdate,
      `The check never saw your code store an entry in ${bucket} whose "applied" names a transaction from ${txs[from]?.id ?? "the later ones"} on. ` +
        `Store each account as { cents, applied } (applied: the ids, tx.id, of the transactions in the balance), in one kv.put per transaction.`,
    );
    t.expect.ok(
      afterUpdate.ackFloor < (seqs[indexOf.get(afterUpdate.tx.id) ?? 0] as number),
      `After ${tries} crash(es) right when an update was stored (last: ${afterUpdate.tx.id}), the server always had its ack already ` +
        `(ack floor ${afterUpdate.ackFloor}): ack only after the update is stored (await kv.put, then m.ack()).`,
    );
  });

  await t.check("counts every transaction once: the stored balances match what was published", () => {
    const problems: string[] = [];
    for (const account of ACCOUNTS) {
      const stored = entries.get(account) ?? null;
      const want = expected[account];
      if (want === undefined && !stored) continue;
      if (!stored) {
        problems.push(`${account}: expected ${want}, but ${bucket} has no entry for it`);
        continue;
      }
      const cents = stored.entry?.cents;
      if (typeof cents !== "number") {
        problems.push(`${account}: the entry should be { "cents": number, "applied": [...] }, got ${stored.text.slice(0, 80)}`);
        continue;
      }
      if (cents === want) continue;
      // Name the transactions when the entry's list or the difference says which.
      const mine = txs.filter((tx) => tx.account === account);
      // The list names transactions only when it holds their ids (not, say, delivery numbers).
      const applied = stored.entry?.applied ?? [];
      const byId = applied.length > 0 && applied.every((id) => indexOf.has(id));
      const twice = byId ? mine.filter((tx) => applied.filter((id) => id === tx.id).length > 1) : [];
      const missing = byId ? mine.filter((tx) => !applied.includes(tx.id)) : [];
      const diff = cents - (want ?? 0);
      const single = mine.find((tx) => Math.abs(diff) === tx.amount);
      const why = (tx: (typeof mine)[number], counted: "twice" | "missing") => {
        if (counted === "missing" && tx.id === crashedTx.id)
          return (
            `${tx.id} missing: your code was crashed in its slow work, before its update, and it was never applied after that ` +
            `(its ack had reached the server already, or the copy sent again was skipped: redelivered does not mean already applied)`
          );
        if (counted === "twice" && tx.id === slowTx.id) return `${tx.id} counted twice: sent again while its slow work was still running`;
        if (counted === "twice" && tx.id === afterUpdate?.tx.id)
          return `${tx.id} counted twice: crashed after its update, before its ack, and the copy sent again was applied again`;
        return `${tx.id} ${counted === "twice" ? "counted twice" : "missing"}`;
      };
      const named = [...twice.map((tx) => why(tx, "twice")), ...missing.map((tx) => why(tx, "missing"))];
      if (named.length === 0 && single) named.push(why(single, diff > 0 ? "twice" : "missing"));
      problems.push(
        `${account}: expected ${want ?? "no balance"}, got ${cents}` +
          (named.length ? ` (${named.slice(0, 4).join("; ")}${named.length > 4 ? `; and ${named.length - 4} more` : ""})` : ""),
      );
    }
    t.expect.ok(problems.length === 0, `balances in cents, in ${bucket} (vs. the amounts the check published): ${problems.join(". ")}.`);
  });

  await t.check(`acks every transaction: ack floor at ${lastSeq}, nothing pending`, () => {
    t.expect.ok(info, `There is no consumer named ${name} to look at.`);
    if (!finished && info.num_ack_pending > 0) {
      const stuck = txs[seqs.indexOf(info.ack_floor.stream_seq + 1)]?.id ?? `seq ${info.ack_floor.stream_seq + 1}`;
      t.expect.fail(
        `Your code had not finished ${FINISH_MS / 1000} s after its last restart: the server kept sending ${stuck} again, never getting its ack ` +
          `(and with one transaction in flight, nothing after it). A copy you skip still needs m.ack().`,
      );
    }
    t.expect.equal(info.num_ack_pending, 0, "num_ack_pending (delivered but never acked)");
    t.expect.equal(info.num_pending, 0, "num_pending (never delivered)");
    t.expect.equal(info.ack_floor.stream_seq, lastSeq, "ack floor (stream sequence)");
  });
}
