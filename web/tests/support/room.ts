// A real room for tests: the launcher's own startRoom() in a temporary folder, on free ports, and
// participants that join through the lobby exactly as a browser does (web/src/nats/lobby.ts).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startRoom, type Room, type RoomOptions } from "../../../scripts/room/room.ts";
import { joinRoom } from "../../src/nats/lobby.ts";
import { defaultSettings, type ConnectionSettings } from "../../src/nats/settings.ts";
import type { JoinInfo, SeatGrant } from "../../src/room/contract.ts";

export interface TestRoom {
  room: Room;
  dir: string;
  info: JoinInfo;
  servers: string[];
  /** Joins as a participant would; the grant holds the seat's credentials. */
  join(name: string): Promise<SeatGrant>;
  /** Connection settings of a seat, as the page stores them after joining. */
  settings(grant: SeatGrant): ConnectionSettings;
  /** Stops the server and the seat service; removes the folder unless `keep`. */
  stop(keep?: boolean): Promise<void>;
}

export function roomSettings(servers: string[], grant: SeatGrant): ConnectionSettings {
  return { ...defaultSettings(servers), creds: grant.creds, authFor: servers, reconnectWaitSeconds: 1 };
}

export async function startTestRoom(seats: number, opts: Partial<RoomOptions> = {}): Promise<TestRoom> {
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), "playground-room-"));
  const room = await startRoom({ seats, dir, seatDiskBytes: 64 * 1024 * 1024, seatMemoryBytes: 16 * 1024 * 1024, ...opts });
  const info = room.joinInfo([room.server.wsUrl]);
  const servers = info.servers;
  return {
    room,
    dir,
    info,
    servers,
    join: (name) => joinRoom(info, servers, name),
    settings: (grant) => roomSettings(servers, grant),
    async stop(keep = false) {
      await room.stop();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}
