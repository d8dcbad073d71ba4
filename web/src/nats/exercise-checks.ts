import {
  type JetStreamClient,
  type PubAck,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  type JetStreamManager,
  type StreamInfo,
} from "@nats-io/jetstream";
import { headers, type NatsConnection, type Subscription } from "@nats-io/nats-core";

// The NATS side of exercise checks: what a check needs to look at the server's real state.
export type { JetStreamClient, JetStreamManager, PubAck, StreamInfo } from "@nats-io/jetstream";
export type { NatsConnection } from "@nats-io/nats-core";
export { jetstream as checkerJetStream, jetstreamManager as checkerJetStreamManager };

/** Header JetStream deduplicates on. */
export const MSG_ID_HEADER = "Nats-Msg-Id";

/** A JetStream publish by the checker, with an optional message ID and headers. */
export function publishChecked(
  js: JetStreamClient,
  subject: string,
  data: string,
  opts: { msgID?: string; headers?: Record<string, string> },
): Promise<PubAck> {
  const h = opts.headers ? headers() : undefined;
  for (const [k, v] of Object.entries(opts.headers ?? {})) h?.set(k, v);
  return js.publish(subject, data, { ...(opts.msgID && { msgID: opts.msgID }), ...(h && { headers: h }) });
}
/** Most stored messages a check reads back; exercises store a handful. */
export const MAX_STORED_MESSAGES = 200;

/** A message as a check sees it: text instead of bytes, the Nats-Msg-Id header when present. */
export interface SeenMessage {
  subject: string;
  text: string;
  msgId?: string;
  /** The reply subject it was published with: a JetStream publish asks for its PubAck there; a core publish has none. */
  reply?: string;
}

export interface StoredMessage extends SeenMessage {
  seq: number;
}

/** Everything published on `subject` from now on, as the server delivered it. */
export interface Collector {
  readonly messages: readonly SeenMessage[];
  texts(): string[];
  stop(): void;
}

export function collectMessages(nc: NatsConnection, subject: string): Collector {
  const messages: SeenMessage[] = [];
  const sub: Subscription = nc.subscribe(subject, {
    callback: (err, msg) => {
      if (err) return;
      messages.push({
        subject: msg.subject,
        text: msg.string(),
        msgId: msg.headers?.get(MSG_ID_HEADER) || undefined,
        reply: msg.reply || undefined,
      });
    },
  });
  return { messages, texts: () => messages.map((m) => m.text), stop: () => sub.unsubscribe() };
}

const isStreamNotFound = (err: unknown) => err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound;

/** The stream's info, or null when it does not exist (the learner has not created it: not an error here). */
export async function streamInfoOrNull(jsm: JetStreamManager, name: string): Promise<StreamInfo | null> {
  try {
    return await jsm.streams.info(name);
  } catch (err) {
    if (isStreamNotFound(err)) return null;
    throw err;
  }
}

/** Deletes a stream left from an earlier attempt, so a check starts from a clean server; true when there was one. */
export async function deleteStreamIfExists(jsm: JetStreamManager, name: string): Promise<boolean> {
  try {
    return await jsm.streams.delete(name);
  } catch (err) {
    if (!isStreamNotFound(err)) throw err;
    return false;
  }
}

/** Reads back what the stream really stores, oldest first (at most MAX_STORED_MESSAGES). */
export async function storedMessages(jsm: JetStreamManager, name: string): Promise<StoredMessage[]> {
  const info = await streamInfoOrNull(jsm, name);
  if (!info || info.state.messages === 0) return [];
  const out: StoredMessage[] = [];
  const last = Math.min(info.state.last_seq, info.state.first_seq + MAX_STORED_MESSAGES - 1);
  for (let seq = info.state.first_seq; seq <= last; seq++) {
    const m = await jsm.streams.getMessage(name, { seq });
    if (!m) continue;
    out.push({ seq, subject: m.subject, text: m.string(), msgId: m.header?.get(MSG_ID_HEADER) || undefined });
  }
  return out;
}

/** Calls `onLost` once when the connection drops (server stopped, network gone): not the learner's fault. */
export function watchConnectionLoss(nc: NatsConnection, onLost: () => void): void {
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === "disconnect" || s.type === "close") {
        onLost();
        return;
      }
    }
  })();
  void nc.closed().then(() => onLost());
}

/** A subscription as the server keeps it (account connection monitoring). */
export interface ServerSubscription {
  subject: string;
  /** The queue group, when it is a member of one. */
  queue?: string;
  /** Messages the server delivered to it. */
  msgs: number;
}

/** One client connection as the server sees it: what it sent, what it was delivered, its subscriptions. */
export interface ServerConnection {
  cid: number;
  name?: string;
  inMsgs: number;
  outMsgs: number;
  subscriptions: ServerSubscription[];
}

/** Account-scoped connection monitoring: every account may ask about its own connections (nats-server 2.2+). */
export const ACCOUNT_CONNZ = "$SYS.REQ.ACCOUNT.PING.CONNZ";
/** In a room, the seat asks the launcher instead (see web/src/room/contract.ts SEAT_CONNZ). */
export const ROOM_SEAT_CONNZ = "room.connz";

interface ConnzReply {
  data?: {
    connections?: {
      cid: number;
      name?: string;
      in_msgs?: number;
      out_msgs?: number;
      subscriptions_list_detail?: { subject: string; qgroup?: string; msgs?: number }[];
    }[];
  };
  error?: { description?: string };
}

const noResponders = (err: unknown) => /no responders|503/i.test(err instanceof Error ? err.message : String(err));

/** The account's open connections with their subscriptions: from the room's launcher in a room, else from the server. */
async function accountConnz(nc: NatsConnection, cid: number): Promise<ConnzReply> {
  let reply;
  try {
    reply = await nc.request(ROOM_SEAT_CONNZ, JSON.stringify({ subscriptions_detail: true }), { timeout: 5_000 });
  } catch (err) {
    if (!noResponders(err)) throw err;
    // Not a room: the server's own, filtered to the one connection (a shared server may hold a thousand).
    reply = await nc.request(ACCOUNT_CONNZ, JSON.stringify({ subscriptions_detail: true, cid }), { timeout: 2_000 });
  }
  return reply.json<ConnzReply>();
}

/**
 * The server's view of connection `cid` of this account while it is open, or null when the server
 * no longer has it. Read from the server itself, so participant code cannot fake it.
 */
export async function serverConnection(nc: NatsConnection, cid: number): Promise<ServerConnection | null> {
  const body = await accountConnz(nc, cid);
  if (body.error) throw new Error(`The server refused connection monitoring: ${body.error.description ?? "no reason given"}`);
  const c = body.data?.connections?.find((x) => x.cid === cid);
  if (!c) return null;
  return {
    cid: c.cid,
    name: c.name,
    inMsgs: c.in_msgs ?? 0,
    outMsgs: c.out_msgs ?? 0,
    subscriptions: (c.subscriptions_list_detail ?? []).map((sub) => ({
      subject: sub.subject,
      ...(sub.qgroup && { queue: sub.qgroup }),
      msgs: sub.msgs ?? 0,
    })),
  };
}
