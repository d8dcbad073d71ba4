// The browser's side of the room's lobby: ask the seat service for a seat, give it back, read the
// seat table. The lobby user's credentials come with /room.json and may do nothing but this.
import type { NatsConnection } from "@nats-io/nats-core";
import { createCurve } from "@nats-io/nkeys";
import {
  fromBase64,
  LOBBY,
  parseJson,
  type JoinInfo,
  type JoinReply,
  type LeaveReply,
  type SeatGrant,
  type SeatsReply,
} from "../room/contract.ts";
import { openConnection } from "./connection.ts";
import { explainError, PlaygroundError } from "./errors.ts";
import { defaultSettings } from "./settings.ts";

const REQUEST_TIMEOUT_MS = 10_000;
/** A room of 200 joining at the same moment queues at the seat service: a join may wait its turn. */
const JOIN_TIMEOUT_MS = 30_000;

/** The websocket URLs of the room: explicit ones, or the port on the host the page came from. */
export function roomServers(info: JoinInfo, page: { protocol: string; hostname: string }): string[] {
  if (info.servers.length > 0) return info.servers;
  const scheme = page.protocol === "https:" ? "wss" : "ws";
  // location.hostname keeps an IPv6 address's brackets; a bare one gets them.
  const host = page.hostname.includes(":") && !page.hostname.startsWith("[") ? `[${page.hostname}]` : page.hostname;
  return [`${scheme}://${host}:${info.wsPort}`];
}

async function withLobby<T>(info: JoinInfo, servers: string[], ask: (nc: NatsConnection) => Promise<T>): Promise<T> {
  const nc = await openConnection({ ...defaultSettings(servers), creds: info.lobby, authFor: servers, maxReconnects: 0 }, "room lobby");
  try {
    return await ask(nc);
  } catch (err) {
    if (err instanceof PlaygroundError) throw err;
    const e = explainError(err);
    throw e.kind === "no-responders"
      ? new PlaygroundError(
          "no-responders",
          "The room's seat service does not answer: is the instructor's launcher still running?",
          e.detail,
        )
      : e;
  } finally {
    await nc.close().catch(() => undefined);
  }
}

const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

/** Asks for a free seat; the grant comes back sealed to a key made for this one request. */
export function joinRoom(info: JoinInfo, servers: string[], name: string): Promise<SeatGrant> {
  return withLobby(info, servers, async (nc) => {
    const mine = createCurve();
    const reply = await nc.request(LOBBY.join, json({ v: 1, name: name.trim(), xkey: mine.getPublicKey() }), {
      timeout: JOIN_TIMEOUT_MS,
    });
    const answer = parseJson<JoinReply>(reply.data, (v) => typeof v.ok === "boolean");
    if (!answer) throw new PlaygroundError("unknown", "The seat service answered something this page does not understand.");
    if (!answer.ok) throw new PlaygroundError("invalid-operation", answer.error);
    // Opening checks the seal was made with the service's key (pinned by /room.json), not just anyone's.
    const opened = mine.open(fromBase64(answer.sealed), info.service);
    const grant = opened ? parseJson<SeatGrant>(opened, (v) => typeof v.seat === "string" && typeof v.creds === "string") : null;
    if (!grant || grant.room !== info.room)
      throw new PlaygroundError("unknown", "The seat's credentials could not be opened: reload the page and join again.");
    return grant;
  });
}

/** Gives the seat back: the server revokes its credentials and the seat's streams are deleted. */
export function leaveRoom(info: JoinInfo, servers: string[], grant: Pick<SeatGrant, "seat" | "leaveToken">): Promise<void> {
  return withLobby(info, servers, async (nc) => {
    const reply = await nc.request(LOBBY.leave, json({ v: 1, seat: grant.seat, token: grant.leaveToken }), { timeout: REQUEST_TIMEOUT_MS });
    const answer = parseJson<LeaveReply>(reply.data, (v) => typeof v.ok === "boolean");
    if (answer && !answer.ok) throw new PlaygroundError("invalid-operation", answer.error);
  });
}

/** The seat table: who sits where, and how many connections each seat has open. */
export function roomSeats(info: JoinInfo, servers: string[]): Promise<SeatsReply> {
  return withLobby(info, servers, async (nc) => {
    const reply = await nc.request(LOBBY.seats, undefined, { timeout: REQUEST_TIMEOUT_MS });
    const table = parseJson<SeatsReply>(reply.data, (v) => Array.isArray(v.seats));
    if (!table) throw new PlaygroundError("unknown", "The seat service answered something this page does not understand.");
    return table;
  });
}

/**
 * Keeps a lobby connection open and calls `onTable` with the seat table now and after every change
 * the service announces; returns a function that stops watching.
 */
export function watchRoom(info: JoinInfo, servers: string[], onTable: (t: SeatsReply) => void, onError: (e: PlaygroundError) => void) {
  let nc: NatsConnection | null = null;
  let stopped = false;
  const refresh = async () => {
    if (!nc || stopped) return;
    try {
      const reply = await nc.request(LOBBY.seats, undefined, { timeout: REQUEST_TIMEOUT_MS });
      const table = parseJson<SeatsReply>(reply.data, (v) => Array.isArray(v.seats));
      if (table && !stopped) onTable(table);
    } catch (err) {
      if (!stopped) onError(explainError(err));
    }
  };
  void (async () => {
    try {
      nc = await openConnection({ ...defaultSettings(servers), creds: info.lobby, authFor: servers, maxReconnects: -1 }, "room page");
      if (stopped) return void nc.close();
      nc.subscribe(LOBBY.events, { callback: () => void refresh() });
      await refresh();
    } catch (err) {
      onError(explainError(err));
    }
  })();
  // Online counts change without an announcement: refresh now and then as well.
  const timer = setInterval(() => void refresh(), 5_000);
  return () => {
    stopped = true;
    clearInterval(timer);
    void nc?.close().catch(() => undefined);
  };
}
