// The seat service: hands out seats to browsers over the lobby account, and takes them back.
// A join gets a fresh user of a free seat's account, sealed to the browser's one-time curve key (every
// lobby user may read every inbox, so the grant must be unreadable to them). A leave revokes that user
// on the server (its connections are closed and it can never log in again) and empties the seat's
// JetStream before the seat goes to someone else.
import { jetstreamManager } from "@nats-io/jetstream";
import type { Msg } from "@nats-io/nats-core";
import { fromCurveSeed, fromPublic } from "@nats-io/nkeys";
import {
  displayNameProblem,
  LOBBY,
  parseJson,
  toBase64,
  type JoinReply,
  type JoinRequest,
  type LeaveReply,
  type LeaveRequest,
  type SeatGrant,
  type SeatsReply,
} from "../../web/src/room/contract.ts";
import { openConnection } from "../../web/src/nats/connection.ts";
import { defaultSettings } from "../../web/src/nats/settings.ts";
import { ensureWebSocket } from "../lib/websocket.ts";
import { LOBBY_SERVICE, publicKey, SEAT_CODE, SEAT_USER, seatAccountJwt, userCreds } from "./accounts.ts";
import type { RoomSizing } from "./sizing.ts";
import { hashToken, newToken, saveRoomFile, type RoomFile, type SeatRecord } from "./state.ts";

export interface SeatServiceOptions {
  dir: string;
  room: RoomFile;
  sizing: RoomSizing;
  /** ws:// URL of the room's server, on loopback. */
  wsUrl: string;
  monitorUrl: string;
  /** One line per seat taken or freed. */
  log: (line: string) => void;
  now?: () => Date;
}

const settingsFor = (wsUrl: string, creds: string) => ({
  ...defaultSettings([wsUrl]),
  creds,
  // The service outlives any server restart the launcher does.
  maxReconnects: -1,
  reconnectWaitSeconds: 1,
});

const encode = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

export async function startSeatService(opts: SeatServiceOptions) {
  ensureWebSocket();
  const { room, sizing, dir } = opts;
  const now = opts.now ?? (() => new Date());
  const xkey = fromCurveSeed(new TextEncoder().encode(room.xkey));
  const lobbyService = await userCreds(room.lobby, "seat-service", LOBBY_SERVICE);
  const systemUser = await userCreds(room.system, "room-launcher");
  const lobby = await openConnection(settingsFor(opts.wsUrl, lobbyService.creds), "room seat service");
  const system = await openConnection(settingsFor(opts.wsUrl, systemUser.creds), "room launcher (system)");
  const save = () => saveRoomFile(dir, room);
  const taken = () => room.seats.filter((s) => s.holder).length;

  /** Connections per account, from the monitoring port (loopback only). */
  const online = async (): Promise<Map<string, number>> => {
    try {
      const res = await fetch(`${opts.monitorUrl}/accstatz`);
      const body = (await res.json()) as { account_statz?: { acc: string; conns: number }[] };
      return new Map((body.account_statz ?? []).map((a) => [a.acc, a.conns]));
    } catch {
      return new Map();
    }
  };

  const table = async (): Promise<SeatsReply> => {
    const conns = await online();
    return {
      room: room.room,
      title: room.title,
      total: room.seats.length,
      taken: taken(),
      seats: room.seats.map((s) => ({
        seat: s.id,
        ...(s.holder && { name: s.holder.name, since: s.holder.since }),
        online: conns.get(publicKey(s.account)) ?? 0,
      })),
    };
  };

  /** Sends the seat account's new JWT (with its revocations) to the server: effective at once. */
  const pushAccount = async (seat: SeatRecord) => {
    const jwt = await seatAccountJwt(room, seat, sizing);
    const reply = await system.request(`$SYS.REQ.ACCOUNT.${publicKey(seat.account)}.CLAIMS.UPDATE`, jwt, { timeout: 5_000 });
    const answer = parseJson<{ data?: { code?: number; message?: string }; error?: { description?: string } }>(reply.data, () => true);
    if (answer?.data?.code !== 200) throw new Error(`the server did not take ${seat.id}'s new account: ${reply.string()}`);
  };

  /** Deletes every stream (and with it every consumer, KV bucket and object store) of the seat's account. */
  const emptySeat = async (seat: SeatRecord): Promise<number> => {
    const admin = await userCreds(seat.account, "room-launcher (reset)");
    const nc = await openConnection({ ...defaultSettings([opts.wsUrl]), creds: admin.creds }, `room reset ${seat.id}`);
    try {
      const jsm = await jetstreamManager(nc);
      const names: string[] = [];
      for await (const name of jsm.streams.names()) names.push(name);
      for (const name of names) await jsm.streams.delete(name);
      return names.length;
    } catch (err) {
      // A seat account without JetStream use has nothing to empty.
      if (/not enabled/i.test(String(err))) return 0;
      throw err;
    } finally {
      await nc.close().catch(() => undefined);
    }
  };

  /** Takes a seat back: revoke its user (closing its connections), empty its JetStream, mark it free. */
  const free = async (seatIdToFree: string, why: string): Promise<boolean> => {
    const seat = room.seats.find((s) => s.id === seatIdToFree);
    if (!seat?.holder) return false;
    const holder = seat.holder;
    const at = Math.floor(now().getTime() / 1000);
    seat.revoked[holder.user] = at;
    if (holder.codeUser) seat.revoked[holder.codeUser] = at;
    delete seat.holder;
    save();
    await pushAccount(seat);
    const streams = await emptySeat(seat);
    opts.log(
      `${seat.id} freed (${why}): "${holder.name}" left, ${streams} stream(s) deleted; ${taken()} of ${room.seats.length} seats taken.`,
    );
    announce();
    return true;
  };

  const announce = () => lobby.publish(LOBBY.events);

  const join = async (data: Uint8Array): Promise<JoinReply> => {
    const req = parseJson<JoinRequest>(data, (v) => v.v === 1 && typeof v.name === "string" && typeof v.xkey === "string");
    if (!req) return { ok: false, error: "That is not a join request this room understands; reload the page." };
    const problem = displayNameProblem(req.name);
    if (problem) return { ok: false, error: problem };
    try {
      if (!req.xkey.startsWith("X")) throw new Error("not a curve key");
      fromPublic(req.xkey);
    } catch {
      return { ok: false, error: "The join request carries no valid key to seal the seat's credentials to; reload the page." };
    }
    const seat = room.seats.find((s) => !s.holder);
    if (!seat) {
      return { ok: false, error: `The room is full: all ${room.seats.length} seats are taken. Ask the instructor to free a seat.` };
    }
    const name = req.name.trim();
    const token = newToken();
    const user = await userCreds(seat.account, `${seat.id} ${name}`, SEAT_USER);
    const code = await userCreds(seat.account, `${seat.id} ${name} (code)`, SEAT_CODE);
    seat.holder = { name, user: user.publicKey, codeUser: code.publicKey, tokenHash: hashToken(token), since: now().toISOString() };
    save();
    const grant: SeatGrant = { room: room.room, seat: seat.id, name, creds: user.creds, codeCreds: code.creds, leaveToken: token };
    opts.log(`${seat.id} taken by "${name}"; ${taken()} of ${room.seats.length} seats taken.`);
    announce();
    return { ok: true, sealed: toBase64(xkey.seal(encode(grant), req.xkey)) };
  };

  const leave = async (data: Uint8Array): Promise<LeaveReply> => {
    const req = parseJson<LeaveRequest>(data, (v) => v.v === 1 && typeof v.seat === "string" && typeof v.token === "string");
    if (!req) return { ok: false, error: "That is not a leave request this room understands." };
    const seat = room.seats.find((s) => s.id === req.seat);
    if (!seat?.holder || seat.holder.tokenHash !== hashToken(req.token)) {
      return { ok: false, error: `This browser does not hold ${req.seat} (it may have been freed already).` };
    }
    await free(seat.id, "left");
    return { ok: true };
  };

  // One request at a time: two joins never get the same seat, and the room file is written in order.
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const done = queue.then(work);
    queue = done.catch(() => undefined);
    return done;
  };
  const serve = (subject: string, handle: (data: Uint8Array) => Promise<unknown>) =>
    lobby.subscribe(subject, {
      // A callback that throws would end the client's read loop: every failure becomes a reply instead.
      callback: (_err, msg: Msg) => {
        void inTurn(() => handle(msg.data))
          .catch((err: unknown) => ({ ok: false, error: `The seat service failed: ${(err as Error).message}` }))
          .then((reply) => {
            if (msg.reply) msg.respond(encode(reply));
          })
          .catch(() => undefined);
      },
    });
  const subs = [serve(LOBBY.join, join), serve(LOBBY.leave, leave), serve(LOBBY.seats, () => table())];
  await lobby.flush();

  return {
    /** The seat table as a room page sees it. */
    table,
    /**
     * The server's connz of one seat's account (open connections, subscription details), asked with a
     * request the launcher writes itself: whatever the seat sent is not passed on. Null for no such seat.
     */
    connz: async (id: string): Promise<Uint8Array | null> => {
      const seat = room.seats.find((s) => s.id === id);
      if (!seat) return null;
      const reply = await system.request(`$SYS.REQ.ACCOUNT.${publicKey(seat.account)}.CONNZ`, encode({ subscriptions_detail: true }), {
        timeout: 5_000,
      });
      return reply.data;
    },
    /** Frees a seat as the instructor would (revoked, emptied, free for the next participant). */
    free: (id: string): Promise<boolean> => inTurn(() => free(id, "freed by the instructor")),
    /** Deletes a seat's streams and consumers, keeping its holder; the number of streams deleted, null for no such seat. */
    reset: (id: string): Promise<number | null> =>
      inTurn(async () => {
        const seat = room.seats.find((s) => s.id === id);
        if (!seat) return null;
        const n = await emptySeat(seat);
        opts.log(`${seat.id} reset by the instructor: ${n} stream(s) deleted.`);
        return n;
      }),
    async stop(): Promise<void> {
      for (const s of subs) s.unsubscribe();
      await queue.catch(() => undefined);
      await Promise.all([lobby.close(), system.close()].map((p) => p.catch(() => undefined)));
    },
  };
}

export type SeatService = Awaited<ReturnType<typeof startSeatService>>;
