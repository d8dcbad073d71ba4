import type { CheckHarness } from "../../web/src/exercises/checks/api.ts";

const TRANSACTIONS = 250;
const MAX_BATCH = 100;
const HOUR_MS = 60 * 60 * 1000;
/** Acks travel without an answer: give the server a moment to move the ack floor. */
const ACK_WAIT_MS = 3_000;

interface ConsumerState {
  config: { durable_name?: string; ack_policy: string; max_batch?: number; deliver_subject?: string };
  ack_floor: { stream_seq: number };
  num_pending: number;
  num_ack_pending: number;
}

/** The batch size a pull request asked for, or null when it is not one. */
function requestedBatch(text: string): number | null {
  try {
    const batch = (JSON.parse(text) as { batch?: unknown }).batch;
    return typeof batch === "number" ? batch : null;
  } catch {
    return null;
  }
}

/** Prepares 250 transactions, runs the participant's code once, then asks the server about the consumer. */
export default async function check(t: CheckHarness): Promise<void> {
  const stream = t.stream("transactions");
  // The harness has no consumer(): names are `<area>_<pid>_<name>`, as ctx.consumer builds them.
  const [area, pid] = t.subject("x").split(".");
  const name = `${area}_${pid}_settler`;
  const jsm = await t.jsm();

  // A fresh stream with amounts the participant cannot know in advance.
  await t.deleteStream(stream);
  await jsm.streams.add({ name: stream, subjects: [t.subject("transactions", ">")], max_age: HOUR_MS * 1_000_000 });
  const amounts = Array.from({ length: TRANSACTIONS }, () => 100 + Math.floor(Math.random() * 99_900));
  const acks = await Promise.all(
    amounts.map((amount, i) =>
      t.publish(t.subject("transactions", "card"), JSON.stringify({ id: `tx-${i + 1}`, account: `acc-${(i % 7) + 1}`, amount })),
    ),
  );
  const lastSeq = Math.max(...acks.map((a) => a.seq));
  const expectedTotal = amounts.reduce((a, b) => a + b, 0);

  // Every pull request for this consumer goes to this subject: we see the batch sizes really asked for.
  const pulls = t.collect(`$JS.API.CONSUMER.MSG.NEXT.${stream}.${name}`);
  await t.nc.flush();

  const outcome = await t.runMain();
  pulls.stop();

  const consumerInfo = async (): Promise<ConsumerState | null> => {
    try {
      return (await jsm.consumers.info(stream, name)) as ConsumerState;
    } catch {
      return null;
    }
  };
  let info = await consumerInfo();
  if (info && info.ack_floor.stream_seq < lastSeq) {
    const deadline = Date.now() + ACK_WAIT_MS;
    while (Date.now() < deadline && info && info.ack_floor.stream_seq < lastSeq) {
      await t.sleep(100);
      info = await consumerInfo();
    }
  }

  await t.check(`creates the durable pull consumer ${name}: explicit acks, max_batch ${MAX_BATCH}`, () => {
    t.expect.ok(info, `There is no consumer named ${name} on ${stream}: create it with durable_name: ctx.consumer("settler").`);
    t.expect.equal(info.config.durable_name, name, "durable_name");
    t.expect.ok(!info.config.deliver_subject, `${name} has a deliver_subject, so it is a push consumer: leave it out.`);
    t.expect.equal(info.config.ack_policy, "explicit", "ack_policy");
    t.expect.equal(info.config.max_batch ?? 0, MAX_BATCH, "max_batch (the largest pull request the server accepts)");
  });

  await t.check(`fetches all ${TRANSACTIONS} in batches of at most ${MAX_BATCH}`, () => {
    const asked = pulls.texts().map(requestedBatch);
    const tooBig = asked.filter((n) => n === null || n > MAX_BATCH);
    t.expect.equal(tooBig, [], `pull requests asking for more than ${MAX_BATCH} (batch sizes seen on the server)`);
    const value = t.returned(outcome) as { batches?: unknown } | null;
    const batches = value?.batches;
    t.expect.ok(
      Array.isArray(batches) && batches.every((n) => typeof n === "number"),
      `main should return { batches: number[], total }, but batches is ${JSON.stringify(batches)}`,
    );
    const wrong = (batches as number[]).filter((n) => n < 1 || n > MAX_BATCH);
    t.expect.equal(wrong, [], `returned batch sizes outside 1..${MAX_BATCH}`);
    t.expect.equal(
      (batches as number[]).reduce((a, b) => a + b, 0),
      TRANSACTIONS,
      `messages received over all batches ${JSON.stringify(batches)}`,
    );
    // One fetch is one pull request: batch i came from pull request i, which asked for at least
    // that many. (A last fetch that found nothing may add a request without a batch.)
    const requests = asked.filter((n): n is number => n !== null);
    const unmatched = (batches as number[]).findIndex((size, i) => size > (requests[i] ?? 0));
    t.expect.ok(
      unmatched < 0,
      `You returned ${(batches as number[]).length} batches ${JSON.stringify(batches)}, but the server got ${requests.length} pull requests ` +
        `${JSON.stringify(requests.length > 12 ? [...requests.slice(0, 12), "…"] : requests)}: batch ${unmatched + 1} (${(batches as number[])[unmatched]} messages) ` +
        `is larger than the pull request it would have come from. Fetch batches of up to ${MAX_BATCH} (step 2) and return the size of each one as received.`,
    );
  });

  await t.check(`acks every transaction: ack floor at ${lastSeq}, nothing pending`, () => {
    t.expect.ok(info, `There is no consumer named ${name} to look at.`);
    t.expect.equal(info.num_ack_pending, 0, "num_ack_pending (delivered but never acked)");
    t.expect.equal(info.num_pending, 0, "num_pending (never delivered)");
    t.expect.equal(info.ack_floor.stream_seq, lastSeq, "ack floor (stream sequence)");
  });

  await t.check(`returns the sum of the ${TRANSACTIONS} amounts`, () => {
    const value = t.returned(outcome) as { total?: unknown } | null;
    t.expect.equal(value?.total, expectedTotal, "total (in cents, vs. the amounts the check published)");
  });
}
