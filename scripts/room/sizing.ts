// How much of the server each seat may use. Account limits are caps, not reservations: the server's
// store is sized to the sum of every seat's cap (plus the instructor's), so no seat, however greedy,
// can take space another seat was promised.

const MiB = 1024 * 1024;

export interface SeatLimits {
  diskBytes: number;
  memoryBytes: number;
  streams: number;
  consumers: number;
  connections: number;
  subscriptions: number;
  payloadBytes: number;
}

export interface RoomSizing {
  seat: SeatLimits;
  instructor: { diskBytes: number; memoryBytes: number };
  /** The server's JetStream totals (max_file_store, max_memory_store). */
  server: { fileStoreBytes: number; memoryStoreBytes: number };
  /** Lobby connections: every participant joining at once, twice over. */
  lobbyConnections: number;
  /** What was shrunk to fit this machine, in sentences. */
  notes: string[];
}

export interface SizingInput {
  seats: number;
  /** Free bytes on the disk holding the store. */
  freeDiskBytes: number;
  /** This machine's memory. */
  totalMemoryBytes: number;
  /** The server's max_payload (the seat's limit is the same: a smaller one would cut connections). */
  maxPayloadBytes: number;
  /** Asked for on the command line; defaults below otherwise. */
  seatDiskBytes?: number;
  seatMemoryBytes?: number;
}

/** Per seat unless asked otherwise; shrunk to fit the machine (see sizeRoom). */
export const DEFAULT_SEAT_DISK = 256 * MiB;
export const DEFAULT_SEAT_MEMORY = 32 * MiB;
/** Below this a seat cannot run the lab for long: refuse rather than hand out useless seats. */
export const MIN_SEAT_DISK = 16 * MiB;
export const MIN_SEAT_MEMORY = 4 * MiB;
const INSTRUCTOR_DISK = 512 * MiB;
const INSTRUCTOR_MEMORY = 64 * MiB;
/** Share of the free disk / of the memory the room's store may claim in all. */
const DISK_SHARE = 0.6;
const MEMORY_SHARE = 0.25;

/**
 * Lab: 4 lanes × 2 connections; the Connection page 1; an exercise Run 1 and its check 1; a second
 * tab, a reset, a reconnect overlapping the old connection: 32 leaves room for all of it.
 */
const SEAT_CONNECTIONS = 32;
/** The lab uses about 12 subscriptions; exercises a few dozen. Caps `subscribe(">")` loops. */
const SEAT_SUBSCRIPTIONS = 1000;
/** Lab 3, exercises 1–3 each (the ten of them), with room to forget to clean up. */
const SEAT_STREAMS = 32;
const SEAT_CONSUMERS = 128;

export const formatBytes = (n: number) => (n >= 1024 * MiB ? `${(n / (1024 * MiB)).toFixed(1)} GiB` : `${Math.round(n / MiB)} MiB`);

function fit(wanted: number, seats: number, reserved: number, budget: number, floor: number, what: string, notes: string[]): number {
  const fitting = Math.floor((budget - reserved) / seats / MiB) * MiB;
  if (wanted <= fitting) return wanted;
  if (fitting < floor) {
    throw new Error(
      `${seats} seats do not fit this machine: each would get ${formatBytes(Math.max(0, fitting))} of ${what} ` +
        `(at least ${formatBytes(floor)} is needed). Free some space, or start a smaller room.`,
    );
  }
  notes.push(`Each seat gets ${formatBytes(fitting)} of ${what} instead of ${formatBytes(wanted)}, so that all ${seats} fit this machine.`);
  return fitting;
}

export function sizeRoom(input: SizingInput): RoomSizing {
  const notes: string[] = [];
  const diskBudget = input.freeDiskBytes * DISK_SHARE;
  const memoryBudget = input.totalMemoryBytes * MEMORY_SHARE;
  const diskBytes = fit(input.seatDiskBytes ?? DEFAULT_SEAT_DISK, input.seats, INSTRUCTOR_DISK, diskBudget, MIN_SEAT_DISK, "disk", notes);
  const memoryBytes = fit(
    input.seatMemoryBytes ?? DEFAULT_SEAT_MEMORY,
    input.seats,
    INSTRUCTOR_MEMORY,
    memoryBudget,
    MIN_SEAT_MEMORY,
    "memory",
    notes,
  );
  return {
    seat: {
      diskBytes,
      memoryBytes,
      streams: SEAT_STREAMS,
      consumers: SEAT_CONSUMERS,
      connections: SEAT_CONNECTIONS,
      subscriptions: SEAT_SUBSCRIPTIONS,
      payloadBytes: input.maxPayloadBytes,
    },
    instructor: { diskBytes: INSTRUCTOR_DISK, memoryBytes: INSTRUCTOR_MEMORY },
    server: {
      fileStoreBytes: input.seats * diskBytes + INSTRUCTOR_DISK,
      memoryStoreBytes: input.seats * memoryBytes + INSTRUCTOR_MEMORY,
    },
    lobbyConnections: input.seats * 2 + 20,
    notes,
  };
}

/** "256MB", "1.5GiB", "64m" → bytes; null when it is not a size. */
export function parseSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?\s*$/i.exec(text);
  if (!m) return null;
  const unit = { "": 1, k: 1024, m: MiB, g: 1024 * MiB, t: 1024 * 1024 * MiB }[(m[2] ?? "").toLowerCase()] ?? 1;
  return Math.round(Number(m[1]) * unit);
}
