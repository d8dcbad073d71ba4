import { memo } from "react";
import type { ConsumerView, LaneId, StreamView } from "../../lab/contract/protocol.ts";
import { laneTitle } from "../../lab/contract/modes/index.ts";
import { bytes, count, DASH, duration } from "./format.ts";

/** Stream and consumer numbers as the server reports them (polled about once a second). */
export const Inspector = memo(function Inspector({
  lane,
  stream,
  consumer,
  atMaxDeliver,
}: {
  lane: LaneId;
  stream?: StreamView;
  consumer?: ConsumerView;
  /** Durable lane only: null before the first report. */
  atMaxDeliver?: number | null;
}) {
  const gone = consumer !== undefined && !consumer.exists;
  return (
    // Named by its lane: three lanes have one, and regions need names of their own.
    <section className="inspector" aria-label={`${laneTitle(lane)}: inspector, from the server`}>
      <h3>
        Inspector <span className="muted">from the server</span>
      </h3>
      <div className="inspector-cols">
        <dl>
          <dt>Stream messages</dt>
          <dd data-testid={`lane-${lane}-stream-messages`}>{count(stream?.messages)}</dd>
          <dt>Bytes</dt>
          <dd>{bytes(stream?.bytes)}</dd>
          <dt>First / last seq</dt>
          <dd data-testid={`lane-${lane}-stream-seqs`}>{stream ? `${count(stream.firstSeq)} / ${count(stream.lastSeq)}` : DASH}</dd>
          <dt>Duplicate window</dt>
          <dd>{stream ? (stream.duplicateWindowMs ? duration(stream.duplicateWindowMs) : "none") : DASH}</dd>
        </dl>
        <dl>
          <dt>Consumer exists</dt>
          <dd data-testid={`lane-${lane}-consumer-exists`} className={gone ? "bad" : undefined}>
            {consumer ? (consumer.exists ? "yes" : "no") : DASH}
          </dd>
          <dt>Pending</dt>
          <dd data-testid={`lane-${lane}-consumer-pending`}>{count(consumer?.pending)}</dd>
          <dt>Ack pending</dt>
          <dd data-testid={`lane-${lane}-consumer-ack-pending`}>{count(consumer?.ackPending)}</dd>
          <dt>Redelivered</dt>
          <dd data-testid={`lane-${lane}-consumer-redelivered`}>{count(consumer?.redelivered)}</dd>
          <dt>Ack floor</dt>
          <dd data-testid={`lane-${lane}-consumer-ack-floor`}>{count(consumer?.ackFloorStreamSeq)}</dd>
          {atMaxDeliver !== undefined && (
            <>
              <dt>Hit max deliver</dt>
              <dd data-testid={`lane-${lane}-max-deliver`}>{count(atMaxDeliver)}</dd>
            </>
          )}
        </dl>
      </div>
    </section>
  );
});
