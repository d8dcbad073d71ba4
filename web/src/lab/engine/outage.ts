// What a lane tells the learner about a server outage: while it lasts, after the client reconnected
// by itself, after it gave up, and after the learner pressed Reconnect. Plain text, no NATS here.
import { attemptsText, seconds } from "../../nats/outages.ts";
import type { ReconnectPolicy } from "../../nats/settings.ts";
import type { LaneId } from "../protocol.ts";

/** One outage of a lane's connections, from the first drop to now. */
export interface Outage {
  /** Epoch ms the first connection dropped. */
  since: number;
  phase: "down" | "back" | "gave-up" | "resumed";
  /** How long the lane had no connection (set once it is back or resumed). */
  downMs?: number;
  /** The lane's publish-error count when the outage began: later errors are publishes it left without a PubAck. */
  errorsAtStart: number;
  /** Gave up, and Reconnect could not open the lane again either: why (the learner may try again). */
  reopenError?: string;
  /** Resumed with a durable consumer created anew: the server had deleted it, so it starts over. */
  consumerRecreated?: boolean;
}

const n = (x: number) => x.toLocaleString("en");

/** Publishes that failed since the outage began, said plainly (JetStream lanes only). */
function unknownText(unknown: number): string {
  if (unknown === 0) return "No publish has failed.";
  return `${n(unknown)} publish${unknown === 1 ? "" : "es"} got no PubAck: outcome unknown (stored or not; only a retry with the same Nats-Msg-Id is safe).`;
}

/** The lane's note about `o` at `now`; `unknown` = publish errors since the outage began. */
export function outageNote(lane: LaneId, o: Outage, now: number, unknown: number, policy: ReconnectPolicy): string {
  const jetstream = lane !== "core";
  const consumer = !jetstream
    ? "Core NATS keeps nothing: messages sent while the connection was down are gone."
    : o.consumerRecreated
      ? "Its durable consumer was gone (the server deletes one left without a client longer than its inactive threshold): it was created again and starts over from the stream's first message."
      : "Its consumer continues from the server's ack floor.";
  switch (o.phase) {
    case "down":
      return `Connection lost ${seconds(now - o.since)} ago: the client reconnects by itself (${attemptsText(policy)}).${
        jetstream ? " Publishes wait for their PubAck meanwhile." : ""
      }`;
    case "back":
      return `Reconnected after ${seconds(o.downMs ?? 0)}. ${jetstream ? `${unknownText(unknown)} ${consumer}` : consumer}`;
    case "gave-up":
      return `Gave up after ${n(policy.maxReconnects)} reconnect attempts: no server for ${seconds(now - o.since)}. ${
        o.reopenError ? `Could not reopen the lane: ${o.reopenError} Press Reconnect to try again.` : "Press Reconnect to resume the lane."
      }${jetstream ? ` ${unknownText(unknown)}` : ""}`;
    case "resumed":
      return `Resumed after Reconnect, ${seconds(o.downMs ?? 0)} without a server. ${jetstream ? `${unknownText(unknown)} ${consumer}` : consumer}`;
  }
}
