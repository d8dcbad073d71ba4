// The room's operator, accounts and users as JWTs (@nats-io/jwt), made from the seeds in the room
// file. Every seat is its own account: the server keeps their subjects, streams and quotas apart.
import { encodeAccount, encodeOperator, encodeUser, fmtCreds, type Account, type User } from "@nats-io/jwt";
import { createUser, type KeyPair } from "@nats-io/nkeys";
import { nativeKey } from "./native-key.ts";
import {
  FROM_INSTRUCTOR,
  instructorProgressSubject,
  LOBBY,
  PROGRESS_EXPORT,
  SEAT_CONNZ,
  SEAT_CONNZ_EXPORT,
  seatConnzSubject,
  SERVER_ACCOUNT_CONNZ,
  TO_ALL,
  TO_SEATS_EXPORT,
  toSeat,
} from "../../web/src/room/contract.ts";
import type { RoomSizing } from "./sizing.ts";
import type { RoomFile, SeatRecord } from "./state.ts";

/** The room's long-lived keys, each derived once and signing natively (see native-key.ts). */
const keys = new Map<string, KeyPair>();
const key = (seed: string): KeyPair => {
  let kp = keys.get(seed);
  if (!kp) keys.set(seed, (kp = nativeKey(seed)));
  return kp;
};
export const publicKey = (seed: string) => key(seed).getPublicKey();

const UNLIMITED = { subs: -1, data: -1, payload: -1, imports: -1, exports: -1, wildcards: true, conn: -1, leaf: -1 };
/** JetStream off for the account: no store at all. */
const NO_JETSTREAM = { mem_storage: 0, disk_storage: 0, streams: 0, consumer: 0 };

export async function operatorJwt(room: RoomFile): Promise<string> {
  return encodeOperator("playground-room", key(room.operator), { system_account: publicKey(room.system) });
}

async function account(room: RoomFile, name: string, seed: string, nats: Partial<Account>): Promise<string> {
  return encodeAccount(name, key(seed), nats, { signer: key(room.operator) });
}

export function seatAccountJwt(room: RoomFile, seat: SeatRecord, sizing: RoomSizing): Promise<string> {
  const s = sizing.seat;
  return account(room, seat.id, seat.account, {
    limits: {
      subs: s.subscriptions,
      conn: s.connections,
      payload: s.payloadBytes,
      data: -1,
      leaf: 0,
      imports: -1,
      exports: -1,
      wildcards: true,
      mem_storage: s.memoryBytes,
      disk_storage: s.diskBytes,
      streams: s.streams,
      consumer: s.consumers,
    },
    // Progress events go to the instructor; nothing else leaves the seat.
    exports: [{ name: "progress", subject: PROGRESS_EXPORT, type: "stream" }],
    // From the instructor: what is addressed to this seat, and what to everyone.
    imports: [
      { name: "to me", type: "stream", account: publicKey(room.instructor), subject: toSeat(seat.id), local_subject: FROM_INSTRUCTOR.me },
      { name: "to all", type: "stream", account: publicKey(room.instructor), subject: TO_ALL, local_subject: FROM_INSTRUCTOR.all },
      // Its own connections, as the server sees them (exercise checks), answered by the launcher.
      {
        name: "connz",
        type: "service",
        account: publicKey(room.instructor),
        subject: seatConnzSubject(seat.id),
        local_subject: SEAT_CONNZ,
      },
    ],
    revocations: seat.revoked,
  });
}

/** Every account of the room by public key, as the server's resolver preload wants them. */
export async function roomAccountJwts(room: RoomFile, sizing: RoomSizing): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  out.set(publicKey(room.system), await account(room, "SYS", room.system, { limits: UNLIMITED }));
  out.set(
    publicKey(room.lobby),
    await account(room, "LOBBY", room.lobby, {
      limits: { ...NO_JETSTREAM, conn: sizing.lobbyConnections, subs: sizing.lobbyConnections * 4, payload: 8192, data: -1, leaf: 0 },
    }),
  );
  out.set(
    publicKey(room.instructor),
    await account(room, "INSTRUCTOR", room.instructor, {
      limits: {
        ...UNLIMITED,
        mem_storage: sizing.instructor.memoryBytes,
        disk_storage: sizing.instructor.diskBytes,
        streams: -1,
        consumer: -1,
      },
      exports: [
        { name: "to seats", subject: TO_SEATS_EXPORT, type: "stream" },
        { name: "seat connz", subject: SEAT_CONNZ_EXPORT, type: "service" },
      ],
      imports: room.seats.map((seat) => ({
        name: `progress ${seat.id}`,
        type: "stream" as const,
        account: publicKey(seat.account),
        subject: PROGRESS_EXPORT,
        local_subject: instructorProgressSubject(seat.id),
      })),
    }),
  );
  for (const seat of room.seats) out.set(publicKey(seat.account), await seatAccountJwt(room, seat, sizing));
  return out;
}

/** A .creds file for a user of the account with this seed; `user` defaults to a fresh key. */
export async function userCreds(
  accountSeed: string,
  name: string,
  permissions: Partial<User> = {},
  user: KeyPair = nativeKey(createUser()),
) {
  const jwt = await encodeUser(name, user, key(accountSeed), permissions);
  return { creds: new TextDecoder().decode(fmtCreds(jwt, user)), publicKey: user.getPublicKey() };
}

export const userKey = key;

/** The shared lobby user: it may ask for a seat, and read replies addressed to its own inbox. */
export const LOBBY_PARTICIPANT: Partial<User> = {
  pub: { allow: [LOBBY.join, LOBBY.leave, LOBBY.seats], deny: [] },
  sub: { allow: ["_INBOX.>", LOBBY.events], deny: [] },
};

/**
 * The seat's second user, for the participant's own code (exercise runs): everything in the seat's
 * account but progress events, so code cannot report a check it did not pass.
 */
export const SEAT_CODE: Partial<User> = { pub: { deny: [PROGRESS_EXPORT, SERVER_ACCOUNT_CONNZ] } };

/** The seat's main user (the page's): everything in the seat's account but the server's connz (see SEAT_CONNZ). */
export const SEAT_USER: Partial<User> = { pub: { deny: [SERVER_ACCOUNT_CONNZ] } };

/** The seat service's lobby user: answers requests, announces changes, nothing else. */
export const LOBBY_SERVICE: Partial<User> = {
  pub: { allow: ["_INBOX.>", LOBBY.events], deny: [] },
  sub: { allow: [LOBBY.join, LOBBY.leave, LOBBY.seats], deny: [] },
};
