import { useShallow } from "zustand/react/shallow";
import { count } from "./format.ts";
import { useLabRun } from "./run.ts";

/** What the producer has sent in the current batch, and how many of those were retries. */
export function ProducerTotals() {
  const p = useLabRun(
    useShallow((s) => ({
      sent: s?.producer.sent,
      retries: s?.producer.retries,
      done: s?.producer.done ?? false,
      held: s?.producer.held ?? false,
      heldBecause: s?.producer.heldBecause,
    })),
  );
  return (
    <div className="producer-totals">
      <dl aria-label="Producer totals">
        <div>
          <dt>Sent</dt>
          <dd data-testid="producer-sent">{count(p.sent)}</dd>
        </div>
        <div>
          <dt>of which retries</dt>
          <dd data-testid="producer-retries">{count(p.retries)}</dd>
        </div>
      </dl>
      <p className="help" data-testid="producer-done">
        {p.done
          ? "Batch sent."
          : p.sent === undefined
            ? "Not started."
            : p.held
              ? (p.heldBecause ?? "Paused: a lane's connection gave up. Reconnect to go on.")
              : "Sending…"}
      </p>
    </div>
  );
}
