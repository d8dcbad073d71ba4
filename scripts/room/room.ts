// A workshop room: one nats-server in operator mode with an account per seat, the instructor's
// account and the system account, and the seat service that hands seats out. Everything lives in the
// room folder, so a restarted launcher comes back with the same seats, keys and streams.
import { statfsSync, mkdirSync } from "node:fs";
import os from "node:os";
import { fromCurveSeed } from "@nats-io/nkeys";
import path from "node:path";
import type { JoinInfo } from "../../web/src/room/contract.ts";
import { startNats, type NatsServer, type Ports } from "../nats/launcher.ts";
import { ensureNatsServer, type NatsBinary } from "../nats/find.ts";
import { LOBBY_PARTICIPANT, operatorJwt, publicKey, roomAccountJwts, userCreds, userKey } from "./accounts.ts";
import { sizeRoom, type RoomSizing } from "./sizing.ts";
import { startRoomAdmin } from "./admin.ts";
import { startSeatService } from "./service.ts";
import { createRoomFile, loadRoomFile, resizeRoom, saveRoomFile, writePrivate, type RoomFile } from "./state.ts";

/** The server's max_payload (docker/nats.conf); a seat's payload limit is the same. */
const MAX_PAYLOAD_BYTES = 1024 * 1024;
export const INSTRUCTOR_CREDS = "instructor.creds";
/** A room's browsers may be on a slow Wi-Fi, and join all at once: 10 s to log in instead of about 1 s. */
export const WS_AUTH_TIMEOUT_SECONDS = 10;

export interface RoomOptions {
  dir: string;
  seats: number;
  title?: string;
  binary?: NatsBinary;
  /** Where the server listens for the room (0.0.0.0 for a real room); monitoring stays on loopback. */
  host?: string;
  httpHost?: string;
  ports?: Partial<Ports>;
  seatDiskBytes?: number;
  seatMemoryBytes?: number;
  /** Lines for the terminal: sizing notes, seats taken and freed. */
  log?: (line: string) => void;
}

/** nats-server lines for operator mode: the operator, the system account, every account preloaded. */
export async function roomServerConfig(room: RoomFile, sizing: RoomSizing): Promise<string> {
  const accounts = await roomAccountJwts(room, sizing);
  const preload = [...accounts].map(([pub, jwt]) => `  ${pub}: ${JSON.stringify(jwt)}`).join("\n");
  return [
    `operator: ${JSON.stringify(await operatorJwt(room))}`,
    `system_account: ${publicKey(room.system)}`,
    "resolver: MEMORY",
    `resolver_preload: {\n${preload}\n}`,
  ].join("\n");
}

/** The room file of `dir`, created or resized to `seats`; notes say what changed. */
export function openRoomFile(dir: string, seats: number, title: string): { room: RoomFile; notes: string[] } {
  const existing = loadRoomFile(dir);
  if (!existing) {
    const room = createRoomFile(seats, title);
    saveRoomFile(dir, room);
    return { room, notes: [`New room with ${seats} seats in ${dir}.`] };
  }
  const notes = [
    `Room ${existing.room} from ${dir}: ${existing.seats.filter((s) => s.holder).length} of ${existing.seats.length} seats taken.`,
  ];
  if (existing.seats.length === seats) return { room: existing, notes };
  const { room, kept } = resizeRoom(existing, seats);
  saveRoomFile(dir, room);
  notes.push(`The room now has ${room.seats.length} seats (was ${existing.seats.length}).`);
  if (kept.length > 0) notes.push(`Kept ${kept.join(", ")}: a seat someone holds is never dropped (free it first).`);
  return { room, notes };
}

/** Where a running room server is reached from this machine. */
export interface RoomEndpoints {
  wsUrl: string;
  monitorUrl: string;
  wsPort: number;
}

/** The room folder made ready: accounts sized for this machine, the instructor's credentials written. */
export async function prepareRoom(opts: RoomOptions) {
  const log = opts.log ?? (() => undefined);
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  const { room, notes } = openRoomFile(opts.dir, opts.seats, opts.title ?? "NATS workshop");
  const disk = statfsSync(opts.dir);
  const sizing = sizeRoom({
    seats: room.seats.length,
    freeDiskBytes: disk.bavail * disk.bsize,
    totalMemoryBytes: os.totalmem(),
    maxPayloadBytes: MAX_PAYLOAD_BYTES,
    seatDiskBytes: opts.seatDiskBytes,
    seatMemoryBytes: opts.seatMemoryBytes,
  });
  for (const line of [...notes, ...sizing.notes]) log(line);
  const instructor = await userCreds(room.instructor, "instructor", {}, userKey(room.instructorUser));
  writePrivate(path.join(opts.dir, INSTRUCTOR_CREDS), instructor.creds);
  const lobby = await userCreds(room.lobby, "lobby", LOBBY_PARTICIPANT, userKey(room.lobbyUser));
  return { dir: opts.dir, room, sizing, instructor, lobby, log, serverConfig: await roomServerConfig(room, sizing) };
}

export type PreparedRoom = Awaited<ReturnType<typeof prepareRoom>>;

/** The seat service for a room whose server already runs (ours, or the compose service), and its /room.json. */
export async function attachRoom(prepared: PreparedRoom, endpoints: RoomEndpoints) {
  const { room, sizing, dir, log } = prepared;
  const service = await startSeatService({ dir, room, sizing, wsUrl: endpoints.wsUrl, monitorUrl: endpoints.monitorUrl, log });
  const admin = await startRoomAdmin({ room, wsUrl: endpoints.wsUrl, seats: service, log }).catch(async (err: unknown) => {
    await service.stop();
    throw err;
  });
  return {
    room,
    sizing,
    service,
    /** Stops the seat service and the instructor account's room service. */
    stopServices: async () => {
      await admin.stop();
      await service.stop();
    },
    endpoints,
    instructorCredsPath: path.join(dir, INSTRUCTOR_CREDS),
    instructorCreds: prepared.instructor.creds,
    /** /room.json: what a browser needs to ask for a seat. `servers` empty: the page's own host. */
    joinInfo: (servers: string[] = [], joinUrls: string[] = []): JoinInfo => ({
      v: 1,
      room: room.room,
      title: room.title,
      seats: room.seats.length,
      wsPort: endpoints.wsPort,
      servers,
      lobby: prepared.lobby.creds,
      service: fromCurveSeed(new TextEncoder().encode(room.xkey)).getPublicKey(),
      joinUrls,
    }),
  };
}

/** A room on a nats-server this process starts, with its store in the room folder. */
export async function startRoom(opts: RoomOptions) {
  const prepared = await prepareRoom(opts);
  const binary = opts.binary ?? (await ensureNatsServer());
  const server: NatsServer = await startNats({
    binary,
    host: opts.host ?? "127.0.0.1",
    httpHost: opts.httpHost,
    ports: opts.ports,
    // One store per server version: the JetStream store format changed in 2.10.
    storeDir: path.join(opts.dir, "jetstream", binary.version),
    jetstreamMax: { memoryBytes: prepared.sizing.server.memoryStoreBytes, fileBytes: prepared.sizing.server.fileStoreBytes },
    wsAuthTimeoutSeconds: WS_AUTH_TIMEOUT_SECONDS,
    extraConfig: prepared.serverConfig,
  });
  try {
    const attached = await attachRoom(prepared, { wsUrl: server.wsUrl, monitorUrl: server.monitorUrl, wsPort: server.ports.ws });
    return {
      ...attached,
      server,
      async stop(): Promise<void> {
        await attached.stopServices();
        await server.stop();
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

export type Room = Awaited<ReturnType<typeof startRoom>>;
