// What a lane tells the learner about a server outage: while it lasts, after the client reconnected
// by itself, after it gave up, and after the learner pressed Reconnect. Plain text, no NATS here.
import { attemptsText, seconds } from "../../nats/outages.ts";
import type { ReconnectPolicy } from "../../nats/settings.ts";

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

/** The lane's note about `o` at `now`; `stores`: the mode keeps messages in a stream; `unknown` = publish errors since the outage began. */
export function outageNote(stores: boolean, o: Outage, now: number, unknown: number, policy: ReconnectPolicy): string {
  const jetstream = stores;
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

/** How long after a reconnect publish failures still count as the outage's (the PubAck timeout is 5 s). */
export const OUTAGE_ERRORS_AFTER_MS = 10_000;

export type Role = "pub" | "sub";

/**
 * A lane's outages, from its two connections' reports: the lane is away while either connection is
 * down, and has given up when either did. Pure: the caller passes the time and the lane's publish
 * error count; each report answers with the line for the lane's event list, if there is news.
 */
export function createOutageTracker(policy: () => ReconnectPolicy) {
  let outage: Outage | null = null;
  const down = new Set<Role>();
  const gaveUp = new Set<Role>();
  const away = () => outage?.phase === "down" || outage?.phase === "gave-up";
  return {
    /** The connections are away now (lost, or gave up): no news but the outage's. */
    away,
    get gaveUp(): boolean {
      return gaveUp.size > 0;
    },
    get current(): Outage | null {
      return outage;
    },
    /**
     * Publish failures belong to the outage while it lasts and for a while after it ended: the
     * publishes in flight at the drop time out (client default 5 s) after the connection is back,
     * and the outage's note counts them as unknown. Later failures are news of their own.
     */
    ownsErrors(now: number): boolean {
      return away() || (outage !== null && outage.downMs !== undefined && now - (outage.since + outage.downMs) < OUTAGE_ERRORS_AFTER_MS);
    },
    /** Another story takes over the lane's note: an outage that ended gives way (one under way stays). */
    giveWay(): void {
      if (!away()) outage = null;
    },
    /** A connection dropped (the client reconnects by itself). */
    lost(role: Role, at: number, errors: number): string | null {
      down.add(role);
      if (away()) return null;
      outage = { since: at, phase: "down", errorsAtStart: errors };
      return `Connection lost: reconnecting by itself (${attemptsText(policy())}).`;
    },
    /** A connection is back; `allBack` when neither is down nor gave up any more. */
    back(role: Role, now: number): { allBack: boolean; event: string | null } {
      down.delete(role);
      if (down.size > 0 || gaveUp.size > 0) return { allBack: false, event: null };
      if (outage?.phase !== "down") return { allBack: true, event: null };
      outage = { ...outage, phase: "back", downMs: now - outage.since };
      return { allBack: true, event: `Reconnected after ${seconds(outage.downMs ?? 0)}.` };
    },
    /** A connection spent its reconnect attempts. */
    gaveUpOn(role: Role, now: number, errors: number): string | null {
      gaveUp.add(role);
      if (outage?.phase === "gave-up") return null;
      outage = outage?.phase === "down" ? { ...outage, phase: "gave-up" } : { since: now, phase: "gave-up", errorsAtStart: errors };
      return `Gave up after ${policy().maxReconnects} reconnect attempts (no server for ${seconds(now - outage.since)}).`;
    },
    /** Reconnect could not open the lane again: it stays given up, with the reason. */
    reopenFailed(now: number, errors: number, message: string): string {
      outage =
        outage?.phase === "gave-up"
          ? { ...outage, reopenError: message }
          : { since: now, phase: "gave-up", errorsAtStart: errors, reopenError: message };
      return `Could not reopen the lane: ${message}`;
    },
    /** The lane opened again after Reconnect; `consumerRecreated` when its durable consumer had to be created anew. */
    resumed(now: number, consumerRecreated: boolean): string {
      const since = outage?.since ?? now;
      outage = { since, phase: "resumed", downMs: now - since, errorsAtStart: outage?.errorsAtStart ?? 0, consumerRecreated };
      down.clear();
      gaveUp.clear();
      return `Resumed after Reconnect (${seconds(now - since)} without a server)${consumerRecreated ? ": the durable consumer was created again, starting over" : ""}.`;
    },
    /** New connections (reopened): nothing is down any more; a give-up stands until resumed(). */
    reopened(): void {
      down.clear();
    },
    /** The lane's note about the outage at `now` (null when there is none); `errors` = its publish errors now. */
    note(stores: boolean, now: number, errors: number): string | null {
      return outage ? outageNote(stores, outage, now, errors - outage.errorsAtStart, policy()) : null;
    },
  };
}

export type OutageTracker = ReturnType<typeof createOutageTracker>;
