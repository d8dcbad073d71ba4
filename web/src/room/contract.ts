// The room's contract: what the launcher's seat service and the browser say to each other over the
// lobby account, and what the launcher serves as /room.json. Pure data and checks, imported by both
// sides (web/src/nats/lobby.ts and scripts/room/), so neither re-derives the other's names.

/** Subjects of the lobby account. A lobby user may publish requests to the first three and nothing else. */
export const LOBBY = {
  /** A JoinRequest; the reply is a JoinReply. */
  join: "room.join",
  /** A LeaveRequest; the reply is a LeaveReply. */
  leave: "room.leave",
  /** Any payload; the reply is a SeatsReply (no secrets: seat ids, display names, who is online). */
  seats: "room.seats",
  /** The service announces each change of the seat table here (empty payload): a room page refreshes. */
  events: "room.events",
} as const;

/**
 * Each seat account exports its progress subjects as a stream; the instructor account imports seat
 * `seat-07`'s `progress.>` as `progress.seat-07.>`. The other way, the instructor account exports
 * `to.>`: seat-07 imports only `to.seat-07` (as `instructor.to.me`) and `to.all` (as
 * `instructor.to.all`). Nothing else crosses accounts; the imports are in the operator-signed JWTs, so
 * a seat cannot add one.
 */
export const PROGRESS_EXPORT = "progress.>";
export const instructorProgressSubject = (seat: string) => `progress.${seat}.>`;
/** Where a seat publishes its events, in its own account. */
export const progressSubject = (kind: ProgressEvent["kind"]) => `progress.${kind}`;
export const TO_SEATS_EXPORT = "to.>";
/** What the instructor publishes, in the instructor account. */
export const toSeat = (seat: string) => `to.${seat}`;
export const TO_ALL = "to.all";
/** Where a seat receives them, in its own account. */
export const FROM_INSTRUCTOR = { me: "instructor.to.me", all: "instructor.to.all" } as const;
/** The launcher's room service in the instructor account: only instructor users can ask. */
export const ADMIN = { reset: "room.admin.reset", free: "room.admin.free", seats: "room.admin.seats" } as const;

/**
 * A seat's own connection monitoring in a room: the seat asks `room.connz` (imported from the
 * instructor account as `room.connz.<seat>`, so the seat id is the server's, not the asker's) and the
 * launcher answers with the server's connz of that seat's account only. Seats may not ask the server
 * directly ($SYS.REQ.ACCOUNT.PING.CONNZ): on nats-server 2.9 a `cid` in that request returns a
 * connection of any account.
 */
export const SEAT_CONNZ = "room.connz";
export const SEAT_CONNZ_EXPORT = "room.connz.*";
export const seatConnzSubject = (seat: string) => `room.connz.${seat}`;
export const SERVER_ACCOUNT_CONNZ = "$SYS.REQ.ACCOUNT.PING.CONNZ";
/** The instructor account's stream of every seat's progress: the grid survives a refresh. */
export const PROGRESS_STREAM = "ROOM_PROGRESS";
/** Code sent with a Run or Check is cut to this many characters. */
export const MAX_PROGRESS_CODE = 20_000;

export interface CheckLine {
  name: string;
  status: string;
  message?: string;
}

/** What a participant's page says about itself (never per keystroke). */
export type ProgressEvent =
  | { kind: "opened"; exercise: string }
  | { kind: "run"; exercise: string; ok: boolean; error?: string; code: string }
  | { kind: "check"; exercise: string; checks: CheckLine[]; code: string }
  | { kind: "completed"; exercise: string }
  | { kind: "hand"; raised: boolean }
  | { kind: "preset"; preset: string; title: string }
  | { kind: "activity"; active: boolean };

/** As published: the event with its time, the sender's display name and an id (resends are stored once). */
export type ProgressEnvelope = ProgressEvent & { v: 1; at: number; name: string; id: string };

/** What the instructor sends: a hint or a message for one seat or all, or "follow me". */
export type InstructorMessage =
  | { v: 1; kind: "message"; id: string; at: number; text: string; hint: boolean }
  | { v: 1; kind: "follow"; id: string; at: number; title: string; href: string };

export type AdminReply = { ok: true; text: string } | { ok: false; error: string };

/** What the launcher serves at /room.json: everything a browser needs to ask for a seat. */
export interface JoinInfo {
  v: 1;
  /** Random id of this room; a seat kept by a browser belongs to one room. */
  room: string;
  title: string;
  seats: number;
  /** The server's websocket port; the page connects to it on the host it was loaded from. */
  wsPort: number;
  /** Explicit websocket URLs, when the server is not on the page's host. Empty: derive from the page. */
  servers: string[];
  /** The shared lobby user's .creds text: it may only ask the seat service for a seat. */
  lobby: string;
  /** The seat service's curve (xkey) public key: grants are sealed with it. */
  service: string;
  /** The join links the launcher printed, on this machine's names and addresses (for the room page's QR code). */
  joinUrls: string[];
}

export interface JoinRequest {
  v: 1;
  name: string;
  /** The browser's one-time curve public key: the grant is sealed to it, so other lobby users read nothing. */
  xkey: string;
}

export type JoinReply = { ok: true; sealed: string } | { ok: false; error: string };

/** What a participant's browser keeps: its seat and the credentials for it. */
export interface SeatGrant {
  room: string;
  seat: string;
  name: string;
  /** .creds text of a user of the seat's own account. */
  creds: string;
  /** .creds of the seat's user for the participant's own code: it may not publish progress events. */
  codeCreds: string;
  /** Proves to the service that this browser holds the seat (leave). */
  leaveToken: string;
}

export interface LeaveRequest {
  v: 1;
  seat: string;
  token: string;
}

export type LeaveReply = { ok: true } | { ok: false; error: string };

export interface SeatRow {
  seat: string;
  /** The holder's display name; absent when the seat is free. */
  name?: string;
  /** ISO time the seat was taken. */
  since?: string;
  /** Connections the seat's account has open now. */
  online: number;
}

export interface SeatsReply {
  room: string;
  title: string;
  total: number;
  taken: number;
  seats: SeatRow[];
}

export const DISPLAY_NAME_MAX = 40;

/** Why a display name cannot be used, or null. Any script is welcome; control characters are not. */
export function displayNameProblem(name: string): string | null {
  const text = name.trim();
  if (!text) return "Type the name the instructor should see, for example your first name.";
  if (text.length > DISPLAY_NAME_MAX) return `Keep the name under ${DISPLAY_NAME_MAX + 1} characters (it has ${text.length}).`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) return "The name contains a line break or control character.";
  return null;
}

/** Seat ids: seat-01 … seat-200 (the number never changes when a room grows). */
export const seatId = (n: number) => `seat-${String(n).padStart(2, "0")}`;

/** Bytes ⇄ base64, the same in a browser and in Node 20 (both have atob/btoa). */
export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A JSON request or reply, parsed and shape-checked just enough that a stranger's payload cannot crash either side. */
export function parseJson<T>(data: Uint8Array | string, has: (v: Record<string, unknown>) => boolean): T | null {
  try {
    const v: unknown = JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data));
    return typeof v === "object" && v !== null && !Array.isArray(v) && has(v as Record<string, unknown>) ? (v as T) : null;
  } catch {
    return null;
  }
}

/** Checks /room.json as served; null when it is not a room's join information. */
export function parseJoinInfo(text: string): JoinInfo | null {
  return parseJson<JoinInfo>(
    text,
    (v) =>
      v.v === 1 &&
      typeof v.room === "string" &&
      typeof v.title === "string" &&
      typeof v.seats === "number" &&
      typeof v.wsPort === "number" &&
      Array.isArray(v.servers) &&
      v.servers.every((s) => typeof s === "string") &&
      typeof v.lobby === "string" &&
      typeof v.service === "string" &&
      Array.isArray(v.joinUrls) &&
      v.joinUrls.every((u) => typeof u === "string"),
  );
}
