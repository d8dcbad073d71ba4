import { memo } from "react";
import { modeOf, type CounterKey, type LaneId } from "../../lab/contract/modes/index.ts";
import type { LaneCounters as Counters, LatencySnapshot } from "../../metrics/index.ts";
import { count, DASH, ms } from "./format.ts";

export type { CounterKey };

/** Labels that fit a projector's narrow lane. */
const SHORT: Partial<Record<CounterKey, string>> = { duplicatesRejected: "Duplicates", publishErrors: "Errors" };

const COUNTERS: { key: CounterKey; label: string; hint: string }[] = [
  { key: "published", label: "Published", hint: "Publish calls that went out." },
  { key: "stored", label: "Stored", hint: "Publishes the stream stored (its PubAck was not a duplicate)." },
  { key: "delivered", label: "Delivered", hint: "Messages handed to the consumer, redeliveries included." },
  { key: "duplicatesRejected", label: "Duplicates rejected", hint: "Publishes the stream refused as a repeated Nats-Msg-Id." },
  {
    key: "redelivered",
    label: "Redelivered",
    hint: "Deliveries of a message the consumer had received before: redeliveries, and repeats after a server crash.",
  },
  { key: "lost", label: "Lost", hint: "Published while no subscriber listened: gone for good." },
  { key: "pending", label: "Pending", hint: "Messages the server still has to deliver to the consumer." },
  { key: "publishErrors", label: "Publish errors", hint: "Publishes that failed or got no PubAck in time." },
];

/** Counters a mode does not have (core NATS stores nothing; only core NATS loses messages): its definition lists those it has. */
const notApplicable = (lane: LaneId, key: CounterKey): boolean => !modeOf(lane).counters.includes(key);

/** The lane's live counters and latency, big enough to read from the back of a room. */
export const LaneCounters = memo(function LaneCounters({
  lane,
  counters,
  latency,
  only,
}: {
  lane: LaneId;
  counters?: Counters;
  latency?: LatencySnapshot;
  /** These counters alone, with short labels and no latency (presenter mode). */
  only?: readonly CounterKey[];
}) {
  const shown = only ? COUNTERS.filter((c) => only.includes(c.key)) : COUNTERS;
  return (
    <dl className="lane-counters">
      {shown.map(({ key, label, hint }) => {
        const na = notApplicable(lane, key);
        return (
          <div key={key} className={`counter${na ? " na" : ""}${key === "lost" && (counters?.lost ?? 0) > 0 ? " bad" : ""}`} title={hint}>
            <dt>{only ? (SHORT[key] ?? label) : label}</dt>
            <dd data-testid={`lane-${lane}-${key}`} aria-label={na ? "not applicable" : undefined}>
              {na ? DASH : count(counters?.[key])}
            </dd>
          </div>
        );
      })}
      {!only && (
        <>
          <div className="counter" title="Publish to delivery, half of the messages arrived faster than this.">
            <dt>Latency p50</dt>
            <dd data-testid={`lane-${lane}-p50`}>{ms(latency?.p50)}</dd>
          </div>
          <div className="counter" title="Publish to delivery, 99 % of the messages arrived faster than this.">
            <dt>Latency p99</dt>
            <dd data-testid={`lane-${lane}-p99`}>{ms(latency?.p99)}</dd>
          </div>
        </>
      )}
    </dl>
  );
});
