import { useCallback, useEffect, useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/store.ts";
import {
  MAX_PAYLOAD_BYTES,
  MAX_RATE_PER_SECOND,
  payloadLimitProblem,
  producerProblems,
  type ProducerSettings,
} from "../../lab/contract/producer.ts";
import { NumberField } from "../../shared/NumberField.tsx";
import { percent } from "./format.ts";

/**
 * While the lab runs, every producer change starts a new batch in the engine (event numbers go on):
 * typing "150" must not send batches of 1 and 15 first, so changes wait until typing pauses.
 */
export const PRODUCER_EDIT_DELAY_MS = 600;

function useProducerEdits(running: boolean, apply: (patch: Partial<ProducerSettings>) => void) {
  const pending = useRef<Partial<ProducerSettings> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const patch = pending.current;
    pending.current = null;
    if (patch) apply(patch);
  }, [apply]);
  useEffect(() => flush, [flush]);
  return useCallback(
    (patch: Partial<ProducerSettings>) => {
      pending.current = { ...pending.current, ...patch };
      if (!running) return flush();
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, PRODUCER_EDIT_DELAY_MS);
    },
    [running, flush],
  );
}

/** Rate, payload size, retry share and an optional number of events, checked as the engine would. */
export function ProducerFields({ running }: { running: boolean }) {
  const { producer, setProducer, maxPayload } = useAppStore(
    useShallow((s) => ({ producer: s.labConfig.producer, setProducer: s.labSetProducer, maxPayload: s.status.maxPayload })),
  );
  const edit = useProducerEdits(running, setProducer);
  const problem = (field: keyof ProducerSettings, patch: Partial<ProducerSettings>) =>
    producerProblems({ ...producer, ...patch })[field] ?? null;
  // The connected server's limit: a payload it would refuse blocks Start, said at this field.
  const overServer = payloadLimitProblem(producer.payloadBytes, maxPayload);
  return (
    <>
      <NumberField
        label="Rate (events/s)"
        draftKey="producer.rate"
        value={producer.ratePerSecond}
        help={`1 to ${MAX_RATE_PER_SECOND.toLocaleString("en-US")}, retries included.`}
        check={(ratePerSecond) => problem("ratePerSecond", { ratePerSecond })}
        onValue={(ratePerSecond) => edit({ ratePerSecond })}
      />
      <NumberField
        label="Payload (bytes)"
        draftKey="producer.payload"
        value={producer.payloadBytes}
        help={`Padded JSON, up to ${MAX_PAYLOAD_BYTES.toLocaleString("en-US")}.`}
        error={overServer ?? undefined}
        check={(payloadBytes) => problem("payloadBytes", { payloadBytes }) ?? payloadLimitProblem(payloadBytes, maxPayload)}
        onValue={(payloadBytes) => edit({ payloadBytes })}
      />
      <NumberField
        label="Retries (%)"
        draftKey="producer.retries"
        value={percent(producer.retryShare)}
        inputMode="decimal"
        help="Re-sends of a recent event (a client timed out)."
        check={(n) => problem("retryShare", { retryShare: n / 100 })}
        onValue={(n) => edit({ retryShare: n / 100 })}
      />
      <NumberField
        label="Number of events"
        draftKey="producer.events"
        value={producer.maxEvents}
        placeholder="until stopped"
        help={running ? "A change sends a new batch." : "Empty: until stopped."}
        check={(maxEvents) => problem("maxEvents", { maxEvents })}
        onValue={(maxEvents) => edit({ maxEvents })}
        onEmpty={() => edit({ maxEvents: undefined })}
      />
    </>
  );
}
