import { credsAuthenticator, wsconnect, type ConnectionOptions, type NatsConnection } from "@nats-io/nats-core";
import { jetstreamManager } from "@nats-io/jetstream";
import { CONNECT_TIMEOUT_MS, RTT_INTERVAL_MS } from "./constants.ts";
import { explainError, PlaygroundError, type ErrorKind } from "./errors.ts";
import { hasCredentials, serversOutsideAuth, validateSettings, type ConnectionSettings } from "./settings.ts";

export type { NatsConnection };

/**
 * Client options from the user's settings: seed reconnect policy, token or JWT credentials. The
 * token or credentials go only to the servers they were given for: when the settings point anywhere
 * else, none is offered at all (the page asks first; this is the floor under every caller). The
 * client never learns other addresses from a server either (ignoreClusterUpdates), so nothing can
 * steer it, and the credentials, to a server the user did not name.
 */
export function connectionOptions(settings: ConnectionSettings, name: string): ConnectionOptions {
  const opts: ConnectionOptions = {
    servers: settings.servers,
    name,
    maxReconnectAttempts: settings.maxReconnects,
    reconnectTimeWait: settings.reconnectWaitSeconds * 1000,
    timeout: CONNECT_TIMEOUT_MS,
    ignoreClusterUpdates: true,
  };
  if (serversOutsideAuth(settings).length > 0) return opts;
  if (settings.creds) opts.authenticator = credsAuthenticator(new TextEncoder().encode(settings.creds));
  if (settings.token) opts.token = settings.token;
  return opts;
}

/** First connections that fail this way are tried again once: a busy machine or server can drop one. */
const TRANSIENT_FIRST_CONNECT: readonly ErrorKind[] = ["unreachable", "timeout", "closed"];
export const FIRST_CONNECT_ATTEMPTS = 2;
const FIRST_CONNECT_RETRY_MS = 500;

/**
 * The client's websocket, watched during the handshake: a server that refuses a connection for an
 * account limit says so in an -ERR line and closes, which the client only reports as a timeout.
 */
function watchedSocket(url: string, onServerError: (text: string) => void): Promise<{ socket: WebSocket; encrypted: boolean }> {
  const socket = new WebSocket(url);
  let frames = 0;
  const peek = (e: MessageEvent) => {
    // INFO, then +OK/PONG or -ERR: the first few frames are the handshake; the rest is traffic.
    if (++frames > 3) return socket.removeEventListener("message", peek);
    const text = typeof e.data === "string" ? e.data : new TextDecoder().decode(new Uint8Array(e.data as ArrayBuffer).subarray(0, 512));
    const m = /-ERR '([^'\r\n]*)'/.exec(text);
    if (m?.[1]) onServerError(m[1]);
  };
  socket.addEventListener("message", peek);
  return Promise.resolve({ socket, encrypted: url.startsWith("wss://") });
}

/**
 * Connects over websocket; any failure comes back as a PlaygroundError with a plain message. A first
 * connection that fails for a reason that can pass (nothing answered, timed out, closed mid-handshake)
 * is tried once more before giving that message; a refused token or credentials is not, and neither is
 * a refusal the server explained (an account limit).
 */
export async function openConnection(settings: ConnectionSettings, name = "workshop-playground"): Promise<NatsConnection> {
  const invalid = Object.values(validateSettings(settings))[0];
  if (invalid) throw new PlaygroundError("invalid-setting", invalid);
  const offered = hasCredentials(settings) && serversOutsideAuth(settings).length === 0;
  for (let attempt = 1; ; attempt++) {
    let refusal: string | undefined;
    const opts = { ...connectionOptions(settings, name), wsFactory: (url: string) => watchedSocket(url, (text) => (refusal = text)) };
    try {
      return await wsconnect(opts);
    } catch (err) {
      const explained = explainError(refusal ? new Error(refusal) : err, { url: settings.servers[0], offeredAuth: offered });
      if (attempt >= FIRST_CONNECT_ATTEMPTS || !TRANSIENT_FIRST_CONNECT.includes(explained.kind)) throw explained;
      await new Promise((r) => setTimeout(r, FIRST_CONNECT_RETRY_MS));
    }
  }
}

/** An account's JetStream limits (-1: none) and what it uses now, as the server reports them. */
export interface AccountQuota {
  diskBytes: number;
  memoryBytes: number;
  streams: number;
  consumers: number;
  used: { diskBytes: number; memoryBytes: number; streams: number; consumers: number };
}

/** Whether JetStream answers for this account (and its quota); the reason in plain words when it does not. */
export async function probeJetStream(
  nc: NatsConnection,
): Promise<{ enabled: true; quota?: AccountQuota } | { enabled: false; reason: string }> {
  try {
    const jsm = await jetstreamManager(nc, { timeout: CONNECT_TIMEOUT_MS });
    const info = await jsm.getAccountInfo();
    const l = info.limits;
    const limited = [l.max_storage, l.max_memory, l.max_streams, l.max_consumers].some((n) => n > 0);
    if (!limited) return { enabled: true };
    return {
      enabled: true,
      quota: {
        diskBytes: l.max_storage,
        memoryBytes: l.max_memory,
        streams: l.max_streams,
        consumers: l.max_consumers,
        used: { diskBytes: info.storage, memoryBytes: info.memory, streams: info.streams, consumers: info.consumers },
      },
    };
  } catch (err) {
    return { enabled: false, reason: explainError(err).message };
  }
}

export type ConnectionState = "idle" | "connecting" | "connected" | "reconnecting" | "gave-up" | "failed";

/** Everything the connection panel shows; a plain object so it can go through a store or postMessage. */
export interface ConnectionStatus {
  state: ConnectionState;
  /** The server we are (or were last) connected to. */
  url?: string;
  serverName?: string;
  serverVersion?: string;
  /** The largest message the server accepts (its max_payload, from INFO), in bytes. */
  maxPayload?: number;
  jetstream: "unknown" | "enabled" | "disabled";
  jetstreamReason?: string;
  /** The account's JetStream quota, when it has one (a room seat does). */
  quota?: AccountQuota;
  rttMs?: number;
  /** Reconnect attempts made since the connection dropped. */
  reconnectAttempt: number;
  maxReconnects: number;
  error?: { kind: ErrorKind; message: string };
  /** Epoch ms of the last state change. */
  since: number;
}

export const idleStatus = (): ConnectionStatus => ({
  state: "idle",
  jetstream: "unknown",
  reconnectAttempt: 0,
  maxReconnects: 0,
  since: Date.now(),
});

export interface MonitorDeps {
  onStatus: (status: ConnectionStatus) => void;
  now?: () => number;
  name?: string;
}

/**
 * Owns one connection and turns the client's status events into ConnectionStatus snapshots:
 * connecting → connected (server, version, JetStream, RTT) → reconnecting (attempt n of max) →
 * connected again, or gave-up once the attempts are spent (never an endless spinner).
 */
export function createConnectionMonitor(deps: MonitorDeps) {
  const now = deps.now ?? Date.now;
  let status: ConnectionStatus = idleStatus();
  let nc: NatsConnection | null = null;
  let rttTimer: ReturnType<typeof setInterval> | undefined;
  /** Bumped on every connect/disconnect so events from an older connection are ignored. */
  let generation = 0;

  const emit = (patch: Partial<ConnectionStatus>) => {
    const changed = patch.state !== undefined && patch.state !== status.state;
    status = { ...status, ...patch, since: changed ? now() : status.since };
    deps.onStatus(status);
  };

  const stopRtt = () => {
    if (rttTimer !== undefined) clearInterval(rttTimer);
    rttTimer = undefined;
  };

  let configured: string[] = [];
  /** getServer() drops the scheme: show the URL as the user wrote it. */
  const currentUrl = (conn: NatsConnection) => {
    const hostPort = conn.getServer();
    return configured.find((u) => u.includes(hostPort)) ?? hostPort;
  };

  const refreshServer = async (conn: NatsConnection, gen: number) => {
    const info = conn.info;
    emit({
      state: "connected",
      url: currentUrl(conn),
      serverName: info?.server_name,
      serverVersion: info?.version,
      maxPayload: info?.max_payload,
      reconnectAttempt: 0,
      error: undefined,
    });
    const js = await probeJetStream(conn);
    if (gen !== generation) return;
    emit(
      js.enabled
        ? { jetstream: "enabled", jetstreamReason: undefined, quota: js.quota }
        : { jetstream: "disabled", jetstreamReason: js.reason, quota: undefined },
    );
  };

  const measureRtt = async (conn: NatsConnection, gen: number) => {
    try {
      const ms = await conn.rtt();
      if (gen === generation && status.state === "connected") emit({ rttMs: Math.round(ms * 10) / 10 });
    } catch {
      // disconnected meanwhile: the status events say so
    }
  };

  const watch = async (conn: NatsConnection, gen: number) => {
    for await (const s of conn.status()) {
      if (gen !== generation) return;
      switch (s.type) {
        case "disconnect":
          // Each failed attempt reports a disconnect too: only the first one starts the count.
          if (status.state === "connected") emit({ state: "reconnecting", reconnectAttempt: 0, rttMs: undefined });
          break;
        case "reconnecting":
          emit({ state: "reconnecting", reconnectAttempt: status.reconnectAttempt + 1 });
          break;
        case "reconnect":
          void refreshServer(conn, gen);
          break;
        default:
          break;
      }
    }
  };

  const connect = async (settings: ConnectionSettings): Promise<void> => {
    await disconnect();
    const gen = ++generation;
    configured = settings.servers;
    emit({ ...idleStatus(), state: "connecting", url: settings.servers[0], maxReconnects: settings.maxReconnects });
    let conn: NatsConnection;
    try {
      conn = await openConnection(settings, deps.name);
    } catch (err) {
      if (gen !== generation) return;
      const e = explainError(err, { url: settings.servers[0] });
      emit({ state: "failed", error: { kind: e.kind, message: e.message } });
      return;
    }
    if (gen !== generation) {
      await conn.close();
      return;
    }
    nc = conn;
    void watch(conn, gen);
    void conn.closed().then((err) => {
      if (gen !== generation) return;
      // Status events are queued and may still be on their way: ignore them from here on.
      generation++;
      stopRtt();
      nc = null;
      const e = err ? explainError(err, { url: status.url }) : null;
      // The client closes on its own only once every reconnect attempt has failed.
      emit({
        state: "gave-up",
        rttMs: undefined,
        reconnectAttempt: settings.maxReconnects,
        error: {
          kind: e?.kind ?? "closed",
          message: `Gave up after ${settings.maxReconnects} reconnect attempts. ${e?.message ?? ""}`.trim(),
        },
      });
    });
    await refreshServer(conn, gen);
    void measureRtt(conn, gen);
    rttTimer = setInterval(() => void measureRtt(conn, gen), RTT_INTERVAL_MS);
  };

  /** Closes the connection on purpose (not a failure): state goes back to idle. */
  const disconnect = async (): Promise<void> => {
    generation++;
    stopRtt();
    const conn = nc;
    nc = null;
    if (conn && !conn.isClosed()) await conn.close().catch(() => undefined);
    if (status.state !== "idle") emit({ ...idleStatus() });
  };

  return {
    connect,
    disconnect,
    /** The live connection, when there is one. */
    connection: (): NatsConnection | null => nc,
    status: (): ConnectionStatus => status,
  };
}

export type ConnectionMonitor = ReturnType<typeof createConnectionMonitor>;
