import type { ConsumerInfo, StreamInfo } from "@nats-io/jetstream";
import { millis } from "@nats-io/nats-core";

/** A stream as the server reports it, in plain numbers the lab's inspector shows. */
export interface StreamView {
  messages: number;
  bytes: number;
  firstSeq: number;
  lastSeq: number;
  duplicateWindowMs: number;
}

/** A consumer as the server reports it. `exists: false` when the server has deleted it. */
export interface ConsumerView {
  exists: boolean;
  /** Stream messages not yet delivered to this consumer. */
  pending: number;
  /** Delivered, not acked yet. */
  ackPending: number;
  /** Redelivered and still unacked (a gauge, not a total). */
  redelivered: number;
  /** Every delivery takes a consumer sequence; first deliveries move the stream sequence. */
  deliveredConsumerSeq: number;
  deliveredStreamSeq: number;
  ackFloorStreamSeq: number;
}

export function streamView(info: StreamInfo): StreamView {
  return {
    messages: info.state.messages,
    bytes: info.state.bytes,
    firstSeq: info.state.first_seq,
    lastSeq: info.state.last_seq,
    duplicateWindowMs: info.config.duplicate_window ? millis(info.config.duplicate_window) : 0,
  };
}

export function consumerView(info: ConsumerInfo | null): ConsumerView {
  if (!info)
    return {
      exists: false,
      pending: 0,
      ackPending: 0,
      redelivered: 0,
      deliveredConsumerSeq: 0,
      deliveredStreamSeq: 0,
      ackFloorStreamSeq: 0,
    };
  return {
    exists: true,
    pending: info.num_pending,
    ackPending: info.num_ack_pending,
    redelivered: info.num_redelivered,
    deliveredConsumerSeq: info.delivered.consumer_seq,
    deliveredStreamSeq: info.delivered.stream_seq,
    ackFloorStreamSeq: info.ack_floor.stream_seq,
  };
}
