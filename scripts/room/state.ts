// The room folder: who holds which seat, and every key the room was made with. Restarting the
// launcher reads it back, so the seats, their credentials and their JetStream data stay the same.
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createAccount, createCurve, createOperator, createUser } from "@nats-io/nkeys";
import { seatId } from "../../web/src/room/contract.ts";

export interface Holder {
  name: string;
  /** Public key of the user minted for this holder's page. */
  user: string;
  /** Public key of the user for the holder's own code (no progress events). */
  codeUser?: string;
  /** SHA-256 of the leave token handed to the holder's browser. */
  tokenHash: string;
  since: string;
}

export interface SeatRecord {
  id: string;
  /** Seed of the seat's account key (signs its users). */
  account: string;
  holder?: Holder;
  /** Users of this account that no longer hold it: public key → revocation time (epoch seconds). */
  revoked: Record<string, number>;
}

export interface RoomFile {
  v: 1;
  room: string;
  title: string;
  createdAt: string;
  operator: string;
  system: string;
  lobby: string;
  /** The shared lobby user: its creds are public to the room (served with /room.json). */
  lobbyUser: string;
  instructor: string;
  instructorUser: string;
  /** Curve key of the seat service: grants are sealed with it. */
  xkey: string;
  seats: SeatRecord[];
}

export const ROOM_FILE = "room.json";
const seed = (kp: { getSeed(): Uint8Array }) => new TextDecoder().decode(kp.getSeed());

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const newToken = () => randomBytes(32).toString("base64url");

function newSeat(n: number): SeatRecord {
  return { id: seatId(n), account: seed(createAccount()), revoked: {} };
}

/** A new room with `seats` seats: fresh operator, system, lobby, instructor and seat accounts. */
export function createRoomFile(seats: number, title: string, now = new Date()): RoomFile {
  return {
    v: 1,
    room: randomBytes(6).toString("hex"),
    title,
    createdAt: now.toISOString(),
    operator: seed(createOperator()),
    system: seed(createAccount()),
    lobby: seed(createAccount()),
    lobbyUser: seed(createUser()),
    instructor: seed(createAccount()),
    instructorUser: seed(createUser()),
    xkey: seed(createCurve()),
    seats: Array.from({ length: seats }, (_, i) => newSeat(i + 1)),
  };
}

/**
 * More seats are added at the end; fewer drops free seats from the end only. A held seat is never
 * dropped: the room keeps it and says so.
 */
export function resizeRoom(room: RoomFile, seats: number): { room: RoomFile; kept: string[] } {
  const list = [...room.seats];
  for (let n = list.length + 1; n <= seats; n++) list.push(newSeat(n));
  const kept: string[] = [];
  while (list.length > seats) {
    const last = list[list.length - 1]!;
    if (last.holder) {
      kept.push(last.id);
      break;
    }
    list.pop();
  }
  return { room: { ...room, seats: list }, kept };
}

function isRoomFile(v: unknown): v is RoomFile {
  const r = v as Partial<RoomFile> | null;
  return (
    typeof r === "object" &&
    r !== null &&
    r.v === 1 &&
    typeof r.room === "string" &&
    typeof r.operator === "string" &&
    Array.isArray(r.seats) &&
    r.seats.every((s) => typeof s?.id === "string" && typeof s.account === "string" && typeof s.revoked === "object")
  );
}

/** Reads the room folder's room.json; null when there is none yet. A damaged file is an error, never silently replaced. */
export function loadRoomFile(dir: string): RoomFile | null {
  const file = path.join(dir, ROOM_FILE);
  if (!existsSync(file)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`${file} is not valid JSON (${(err as Error).message}). Move it away to start a new room.`, { cause: err });
  }
  if (!isRoomFile(parsed)) throw new Error(`${file} is not a room file of this playground. Move it away to start a new room.`);
  return parsed;
}

/** Writes a file readable by its owner only, atomically (a crash never leaves half a room file). */
export function writePrivate(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

export function saveRoomFile(dir: string, room: RoomFile): void {
  writePrivate(path.join(dir, ROOM_FILE), `${JSON.stringify(room, null, 2)}\n`);
}
