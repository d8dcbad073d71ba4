// The "slow consumer" fault: for a few seconds each message waits for a slow call (as a handler
// awaiting a slow database would), so messages pile up in the client: nats-core's slow-consumer
// threshold on the core subscription trips and the lane shows the backlog until it is worked off.
// Why not a busy-wait: the lab's producer runs on the same thread as its consumers, so blocking that
// thread stops the publishing too; the backlog never builds and the server has nothing to flag.
import { SLOW_CONSUMER_MS, SLOW_HANDLER_MS } from "../contract/faults.ts";

export { SLOW_CONSUMER_MS, SLOW_HANDLER_MS };

/** Messages waiting in a core subscription before the client library calls it a slow consumer. */
export const SLOW_PENDING = 100;

/** Whether two payloads are the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Counts the core messages that never arrived. One publisher and one subscriber on one subject:
 * NATS keeps their order, so what arrives is the published sequence with holes, and each arrival
 * settles every earlier message still waiting (those are lost). A message nobody published here
 * (another client on the subject) is ignored. At most `limit` messages wait; older ones count as lost.
 */
export function createDeliveryGaps(limit = 100_000) {
  let waiting: Uint8Array[] = [];
  let head = 0;
  let lost = 0;

  const compact = () => {
    if (head > 1024 && head * 2 > waiting.length) {
      waiting = waiting.slice(head);
      head = 0;
    }
  };

  return {
    /** A message went out (while a subscriber is meant to listen). */
    sent(data: Uint8Array): void {
      waiting.push(data);
      if (waiting.length - head > limit) {
        head++;
        lost++;
      }
      compact();
    },
    /** A message arrived; returns how many earlier ones it proved lost. */
    received(data: Uint8Array): number {
      for (let i = head; i < waiting.length; i++) {
        if (!sameBytes(waiting[i] as Uint8Array, data)) continue;
        const skipped = i - head;
        lost += skipped;
        head = i + 1;
        compact();
        return skipped;
      }
      return 0;
    },
    get lost(): number {
      return lost;
    },
    get waiting(): number {
      return waiting.length - head;
    },
  };
}

export type DeliveryGaps = ReturnType<typeof createDeliveryGaps>;

/** Looks at the backlog (one per snapshot) without a new low before "catching up" may end at a plateau. */
export const CATCH_UP_STALLED_LOOKS = 10;
/** A new low is at least this much below the last one: noise around the plateau is not "still falling". */
const FALLING = 0.9;

/**
 * When the core lane has worked off the backlog the fault left, looking at the messages waiting once
 * per snapshot. Waiting includes the messages in flight, and at a high rate those alone exceed
 * SLOW_PENDING; so it is over when few wait, or when the backlog stopped falling (no new low for
 * CATCH_UP_STALLED_LOOKS looks) and is not growing again (at most twice that low): what waits then
 * is the normal in flight at this rate.
 */
export function createCatchUp() {
  let low = Infinity;
  let stalled = 0;
  return {
    /** One look at the messages waiting; true while the lane is still catching up. */
    catchingUp(waiting: number): boolean {
      if (waiting <= SLOW_PENDING) return false;
      if (waiting < low * FALLING) {
        low = waiting;
        stalled = 0;
        return true;
      }
      stalled++;
      return stalled < CATCH_UP_STALLED_LOOKS || waiting > 2 * low;
    },
  };
}

/** The lane's note while the fault lasts or its backlog is worked off; `waiting` = core messages not yet handled. */
export function slowNote(stores: boolean, waiting: number, flagged: boolean): string {
  const cause = `Slow consumer: for ${SLOW_CONSUMER_MS / 1000} s each message waits ${SLOW_HANDLER_MS} ms for a slow call.`;
  if (stores)
    return `${cause} A pull consumer is only sent the batch it asked for: the rest waits in the stream (the consumer's pending), not in the browser.`;
  return `${cause} ${waiting.toLocaleString("en")} messages waiting in the client${
    flagged ? ` (the client library flagged it above ${SLOW_PENDING})` : ""
  }. The browser keeps reading the socket, so the server sees no slow consumer: the backlog sits in this tab's memory.`;
}

/** The note once the backlog is worked off. */
export function caughtUpNote(stores: boolean, maxWaiting: number, lost: number): string {
  if (stores) return "Slow consumer caught up: it worked off what waited in the stream; nothing was lost.";
  return `Slow consumer caught up: up to ${maxWaiting.toLocaleString("en")} messages waited in the client; ${
    lost === 0 ? "none was lost" : `${lost.toLocaleString("en")} were lost`
  }.`;
}
