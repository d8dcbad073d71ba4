// The fault suite's bookkeeping: every publish attempt is recorded with what the client learned
// (a PubAck, a duplicate PubAck, or an error / timeout), then compared with what the stream really
// stores. Each event ends up in exactly one class:
//   acked      the client got a PubAck and the stream stores it once
//   lost       the client got a PubAck but the stream does not store it (a broken promise)
//   duplicated the stream stores it more than once
//   unknown    the client never got a PubAck (error or timeout): stored or not, it cannot know
// Assertions in the fault tests are on these counts.

export type AttemptResult = "ack" | "duplicate-ack" | "error";

export interface Classification {
  events: number;
  acked: number;
  lost: number;
  duplicated: number;
  unknown: number;
  /** Of the unknown ones, how many the stream does store. */
  unknownStored: number;
  /** Stored messages whose id no publish used (should never happen). */
  phantom: number;
  attempts: number;
  /** A few ids per class, for the failure message. */
  examples: { lost: string[]; duplicated: string[]; unknown: string[] };
}

export function createLedger() {
  const attempts = new Map<string, AttemptResult[]>();
  let total = 0;
  return {
    record(id: string, result: AttemptResult): void {
      total++;
      const list = attempts.get(id);
      if (list) list.push(result);
      else attempts.set(id, [result]);
    },
    /** Whether `id` already has a PubAck (so a retry is not needed). */
    acked(id: string): boolean {
      return (attempts.get(id) ?? []).some((r) => r !== "error");
    },
    classify(storedIds: readonly string[]): Classification {
      const stored = new Map<string, number>();
      for (const id of storedIds) stored.set(id, (stored.get(id) ?? 0) + 1);
      const c: Classification = {
        events: attempts.size,
        acked: 0,
        lost: 0,
        duplicated: 0,
        unknown: 0,
        unknownStored: 0,
        phantom: 0,
        attempts: total,
        examples: { lost: [], duplicated: [], unknown: [] },
      };
      const note = (list: string[], id: string) => list.length < 5 && list.push(id);
      for (const [id, results] of attempts) {
        const copies = stored.get(id) ?? 0;
        if (copies > 1) {
          c.duplicated++;
          note(c.examples.duplicated, id);
        } else if (results.some((r) => r !== "error")) {
          if (copies === 1) c.acked++;
          else {
            c.lost++;
            note(c.examples.lost, id);
          }
        } else {
          c.unknown++;
          if (copies === 1) c.unknownStored++;
          note(c.examples.unknown, id);
        }
      }
      for (const id of stored.keys()) if (!attempts.has(id)) c.phantom++;
      return c;
    },
  };
}

export type Ledger = ReturnType<typeof createLedger>;
