// The room on the official nats image (docker-compose.yml, profile "room"): the launcher writes the
// room's server config into the room folder, compose starts the container with it, and the seat
// service and the web server run here as they do for a local server.
import path from "node:path";
import { capture } from "../lib/run.ts";
import { attachRoom, prepareRoom, WS_AUTH_TIMEOUT_SECONDS, type PreparedRoom, type RoomOptions } from "./room.ts";
import { writePrivate } from "./state.ts";

/** The compose service and the host ports it publishes (beside the solo `nats` service's). */
export const DOCKER_ROOM = {
  service: "nats-room",
  config: "nats-room.conf",
  ports: { client: 4224, http: 8224, ws: 9224 },
} as const;

/** nats-room.conf: docker/nats.conf (mounted beside it in the container), then the room's own lines. */
export function dockerRoomConfig(prepared: PreparedRoom): string {
  const { sizing, serverConfig } = prepared;
  return [
    "# Written by the playground's room launcher for the compose service nats-room; rewritten at every start.",
    'include "./nats.conf"',
    "server_name: workshop-room",
    `websocket {\n  port: 9222\n  no_tls: true\n  compression: false\n  authorization {\n    timeout: ${WS_AUTH_TIMEOUT_SECONDS}\n  }\n}`,
    `jetstream {\n  store_dir: "/data/jetstream"\n  max_memory_store: ${sizing.server.memoryStoreBytes}\n  max_file_store: ${sizing.server.fileStoreBytes}\n}`,
    serverConfig,
    "",
  ].join("\n");
}

const compose = (file: string, args: string[], roomDir: string) =>
  capture("docker", ["compose", "-f", file, "--profile", "room", ...args], 180_000, { ...process.env, PLAYGROUND_ROOM_DIR: roomDir });

async function waitHealthy(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The ${DOCKER_ROOM.service} container did not become healthy at ${url} within ${ms / 1000} s.`);
}

export async function startDockerRoom(opts: RoomOptions & { composeFile: string }) {
  const prepared = await prepareRoom(opts);
  writePrivate(path.join(opts.dir, DOCKER_ROOM.config), dockerRoomConfig(prepared));
  const up = compose(opts.composeFile, ["up", "-d", "--force-recreate", DOCKER_ROOM.service], opts.dir);
  if (up.code !== 0) throw new Error(`docker compose could not start ${DOCKER_ROOM.service}:\n${up.out}`);
  const monitorUrl = `http://127.0.0.1:${DOCKER_ROOM.ports.http}`;
  const stopContainer = () => compose(opts.composeFile, ["stop", DOCKER_ROOM.service], opts.dir);
  try {
    await waitHealthy(monitorUrl, 60_000);
    const attached = await attachRoom(prepared, {
      wsUrl: `ws://127.0.0.1:${DOCKER_ROOM.ports.ws}`,
      monitorUrl,
      wsPort: DOCKER_ROOM.ports.ws,
    });
    return {
      ...attached,
      async stop(): Promise<void> {
        await attached.stopServices();
        stopContainer();
      },
    };
  } catch (err) {
    stopContainer();
    throw err;
  }
}
