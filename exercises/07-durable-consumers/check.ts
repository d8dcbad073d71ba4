import type { CheckHarness, MainOutcome } from "../../web/src/exercises/checks/api.ts";

/** Transfers in the stream before run 1; the number published while the service is down changes every check. */
const BEFORE = 40;
const MIN_WHILE_DOWN = 20;
const MAX_WHILE_DOWN = 30;
/** The ledger books every kind of transfer; each arrives on transfers.<kind>, kinds mixed at random. */
const KINDS = ["card", "sepa", "instant"];
const MINUTE_MS = 60 * 1000;
const NANOS_PER_MS = 1_000_000;
/** The check's own consumer, idle on purpose: the server must delete it during the downtime. */
const PROBE_THRESHOLD_MS = 2_000;
/** The downtime lasts at least this long, and until the probe is gone (at most MAX_DOWNTIME_MS). */
const MIN_DOWNTIME_MS = 4_000;
const MAX_DOWNTIME_MS = 7_000;
/** Longer than any restart should take; at most a day, so forgotten workshop consumers go away. */
const MIN_THRESHOLD_MS = 10 * MINUTE_MS;
const MAX_THRESHOLD_MS = 24 * 60 * MINUTE_MS;
/** Acks travel without an answer: give the server a moment to move the ack floor. */
const ACK_WAIT_MS = 3_000;

interface ConsumerState {
  name: string;
  created: string;
  config: { durable_name?: string; ack_policy: string; deliver_subject?: string; inactive_threshold?: number };
  delivered: { consumer_seq: number; stream_seq: number };
  ack_floor: { stream_seq: number };
  num_pending: number;
  num_ack_pending: number;
  num_redelivered: number;
}

const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => `tx-${from + i}`);
const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
const isConsumerNotFound = (err: unknown) =>
  err instanceof Error && (err.name === "ConsumerNotFoundError" || /consumer not found/i.test(err.message));
const minutes = (ms: number) => `${Math.round((ms / MINUTE_MS) * 100) / 100} min`;

/** A random kind for each of `count` transfers, every kind at least once: a consumer filtered on one of them shows. */
function randomKinds(count: number): string[] {
  const kinds = Array.from({ length: count }, () => KINDS[randomInt(0, KINDS.length - 1)] as string);
  const positions = Array.from({ length: count }, (_, i) => i).sort(() => Math.random() - 0.5);
  KINDS.forEach((kind, i) => (kinds[positions[i] as number] = kind));
  return kinds;
}

/** What a run of main returned, as the list of transfer ids it processed. */
function returnedIds(t: CheckHarness, outcome: MainOutcome, run: string): string[] {
  const value = t.returned(outcome);
  t.expect.ok(
    Array.isArray(value) && value.every((v) => typeof v === "string"),
    `${run}: main should return the ids of the transfers it processed (string[]), but returned ${JSON.stringify(value)}`,
  );
  return value as string[];
}

/**
 * Run 1 processes 40 transfers; the service is then "down" while 20 to 30 more arrive, for longer
 * than the seed's (compressed) inactive threshold; run 2 must carry on with exactly the new ones, on
 * the same consumer, which in the end has delivered every transfer once.
 */
export default async function check(t: CheckHarness): Promise<void> {
  const stream = t.stream("transfers");
  // The harness has no consumer(): names are `<area>_<pid>_<name>`, as ctx.consumer builds them.
  const [area, pid] = t.subject("x").split(".");
  const name = `${area}_${pid}_ledger`;
  const probe = `${area}_${pid}_downtime_probe`;
  const whileDown = randomInt(MIN_WHILE_DOWN, MAX_WHILE_DOWN);
  const total = BEFORE + whileDown;
  const jsm = await t.jsm();

  const consumerInfo = async (consumer: string): Promise<ConsumerState | null> => {
    try {
      return (await jsm.consumers.info(stream, consumer)) as ConsumerState;
    } catch (err) {
      if (isConsumerNotFound(err)) return null;
      throw err;
    }
  };
  // One at a time, so stream sequence n holds tx-n.
  const publishTransfers = async (from: number, count: number) => {
    const kinds = randomKinds(count);
    let last = 0;
    for (const [i, id] of ids(from, count).entries()) {
      const kind = kinds[i] as string;
      const tx = { id, account: `acc-${randomInt(1, 5)}`, amount: randomInt(100, 99_999) };
      last = (await t.publish(t.subject("transfers", kind), JSON.stringify(tx))).seq;
    }
    return last;
  };

  // A fresh stream (its consumers go with it) holding the transfers of before run 1.
  await t.deleteStream(stream);
  await jsm.streams.add({ name: stream, subjects: [t.subject("transfers", ">")], max_age: 60 * MINUTE_MS * NANOS_PER_MS });
  await publishTransfers(1, BEFORE);

  const outcome1 = await t.runMain();
  await t.nc.flush();
  const afterRun1 = await consumerInfo(name);

  // The service is down. The check's probe consumer (2 s threshold) shows the server really deletes
  // idle consumers meanwhile; new transfers arrive that run 2 must pick up.
  await jsm.consumers.add(stream, {
    durable_name: probe,
    ack_policy: "explicit",
    inactive_threshold: PROBE_THRESHOLD_MS * NANOS_PER_MS,
  });
  const downSince = Date.now();
  const lastSeq = await publishTransfers(BEFORE + 1, whileDown);
  let probeGone = false;
  while (Date.now() - downSince < MAX_DOWNTIME_MS) {
    await t.sleep(250);
    probeGone ||= (await consumerInfo(probe)) === null;
    if (probeGone && Date.now() - downSince >= MIN_DOWNTIME_MS) break;
  }
  const downtimeS = Math.round((Date.now() - downSince) / 100) / 10;
  const afterDowntime = await consumerInfo(name);

  const outcome2 = await t.restartMain().finished;
  let final = await consumerInfo(name);
  const deadline = Date.now() + ACK_WAIT_MS;
  while (final && final.ack_floor.stream_seq < lastSeq && Date.now() < deadline) {
    await t.sleep(100);
    final = await consumerInfo(name);
  }

  await t.check(`run 1 processes the ${BEFORE} transfers already in the stream, of every kind`, () => {
    t.expect.equal(
      returnedIds(t, outcome1, "run 1"),
      ids(1, BEFORE),
      `transfer ids run 1 returned (the stream holds transfers on ${KINDS.map((k) => t.subject("transfers", k)).join(", ")})`,
    );
  });

  await t.check(`creates the durable pull consumer ${name}: explicit acks, inactive_threshold 10 min to 24 h`, () => {
    t.expect.ok(
      afterRun1,
      `After run 1 there is no consumer named ${name} on ${stream}: give it durable_name: ctx.consumer("ledger"), and leave it on the server when main ends (it is what remembers the position).`,
    );
    t.expect.equal(afterRun1.config.durable_name, name, "durable_name");
    t.expect.ok(!afterRun1.config.deliver_subject, `${name} has a deliver_subject, so it is a push consumer: leave it out.`);
    t.expect.equal(afterRun1.config.ack_policy, "explicit", "ack_policy");
    const ms = (afterRun1.config.inactive_threshold ?? 0) / NANOS_PER_MS;
    t.expect.ok(
      ms > 0,
      "inactive_threshold is not set, so the consumer lives forever, even once nobody uses it: on a shared server, set one (e.g. an hour).",
    );
    t.expect.ok(
      ms >= MIN_THRESHOLD_MS && ms <= MAX_THRESHOLD_MS,
      `inactive_threshold: expected between 10 min and 24 h (longer than any restart takes; JetStream durations are nanoseconds: ctx.nanos(ms)), got ${ms < MINUTE_MS ? `${ms / 1000} s` : minutes(ms)}`,
    );
  });

  await t.check(`keeps the consumer through ${downtimeS} s of downtime: the same one is still there`, () => {
    t.expect.ok(afterRun1, `There was no consumer named ${name} after run 1 to keep.`);
    t.expect.ok(
      afterDowntime,
      `After ${downtimeS} s without a pull, the server had deleted ${name}: its inactive_threshold is shorter than the downtime.`,
    );
    t.expect.equal(afterDowntime.created, afterRun1.created, `creation time of ${name} (vs. after run 1)`);
    t.expect.equal(
      afterDowntime.ack_floor.stream_seq,
      afterRun1.ack_floor.stream_seq,
      `ack floor of ${name} after the downtime (stream sequence, vs. after run 1)`,
    );
    // The downtime must really be long enough to cost an idle consumer its life: the probe proves it.
    t.expect.ok(
      probeGone,
      `The server kept the check's own idle probe consumer (inactive_threshold ${PROBE_THRESHOLD_MS / 1000} s) for ${downtimeS} s, so this downtime proves nothing: press Check again.`,
    );
  });

  await t.check(`run 2 processes only the ${whileDown} transfers published while it was down`, () => {
    const first = returnedIds(t, outcome1, "run 1");
    const second = returnedIds(t, outcome2, "run 2");
    const twice = second.filter((id) => first.includes(id));
    t.expect.equal(twice.length, 0, `transfers run 2 processed again after run 1 had (e.g. ${twice.slice(0, 3).join(", ")})`);
    t.expect.equal(second, ids(BEFORE + 1, whileDown), "transfer ids run 2 returned");
  });

  await t.check(`acks all ${total} on the consumer of run 1: ack floor at ${lastSeq}, nothing pending or delivered twice`, () => {
    t.expect.ok(final, `After run 2 there is no consumer named ${name} on ${stream}.`);
    t.expect.ok(afterRun1, `There was no consumer named ${name} after run 1, so no consumer saw both runs.`);
    t.expect.equal(final.created, afterRun1.created, `creation time of ${name} after run 2 (vs. after run 1: a new consumer starts over)`);
    t.expect.equal(final.ack_floor.stream_seq, lastSeq, "ack floor (stream sequence)");
    t.expect.equal(final.num_pending, 0, "num_pending (never delivered)");
    t.expect.equal(final.num_ack_pending, 0, "num_ack_pending (delivered but never acked)");
    t.expect.equal(final.num_redelivered, 0, "num_redelivered");
    t.expect.equal(final.delivered.consumer_seq, total, `deliveries made by the consumer (one for each of the ${total} transfers)`);
  });
}
