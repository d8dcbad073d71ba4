import { DEFAULT_MAX_RECONNECTS, DEFAULT_RECONNECT_WAIT_SECONDS, NATS_TCP_PORT, NATS_WS_PORT } from "./constants.ts";

/** What a user sets to connect: the seed's NATS_URL, NATS_TOKEN and NATS_CREDS, plus reconnect policy. */
export interface ConnectionSettings {
  /** One or more ws:// or wss:// URLs. */
  servers: string[];
  /**
   * Shared-secret token (the seed's NATS_TOKEN).
   * @deprecated As in the seed: prefer a JWT credentials file (`creds`).
   */
  token?: string;
  /** Text of a JWT credentials (.creds) file. */
  creds?: string;
  /**
   * The servers the token or credentials were given for: they are never sent to any other. Absent,
   * they belong to `servers` as they stand (the app sets it whenever a token or file is entered).
   */
  authFor?: string[];
  maxReconnects: number;
  reconnectWaitSeconds: number;
}

/** The part of the settings that says how the client reconnects by itself. */
export type ReconnectPolicy = Pick<ConnectionSettings, "maxReconnects" | "reconnectWaitSeconds">;

export const defaultSettings = (servers: string[]): ConnectionSettings => ({
  servers,
  maxReconnects: DEFAULT_MAX_RECONNECTS,
  reconnectWaitSeconds: DEFAULT_RECONNECT_WAIT_SECONDS,
});

export type FieldErrors = Partial<Record<"servers" | "token" | "creds" | "maxReconnects" | "reconnectWaitSeconds", string>>;

/** Why one server URL cannot work from a browser, or null when it can. */
export function serverUrlProblem(url: string): string | null {
  const text = url.trim();
  if (!text) return "Enter a server URL, for example ws://localhost:9222.";
  if (/\s/.test(text)) return `"${text}" contains spaces; separate several servers with commas.`;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (!scheme) {
    return `Add the scheme: ws://${text}. Without it the client assumes wss:// on port 443.`;
  }
  if (scheme === "nats" || scheme === "tls") {
    return `${scheme}:// is for programs using TCP; a browser needs the websocket port, e.g. ws://localhost:${NATS_WS_PORT}.`;
  }
  if (scheme === "http" || scheme === "https") {
    return `Use ${scheme === "https" ? "wss" : "ws"}:// instead of ${scheme}://: the browser talks to NATS over a WebSocket.`;
  }
  if (scheme !== "ws" && scheme !== "wss") return `Unknown scheme ${scheme}://; use ws:// or wss://.`;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return `"${text}" is not a valid URL.`;
  }
  if (!parsed.hostname) return `"${text}" has no host name.`;
  if (parsed.port === String(NATS_TCP_PORT)) {
    return `Port ${NATS_TCP_PORT} is NATS' TCP port, which browsers cannot use; the websocket port is usually ${NATS_WS_PORT}.`;
  }
  return null;
}

/** Splits a comma- or newline-separated list of URLs. */
export function splitServers(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const CREDS_JWT = /-----BEGIN NATS USER JWT-----\s*\n\s*([^\s-][^\n]*)\s*\n\s*------END NATS USER JWT------/;
const CREDS_SEED = /-----BEGIN USER NKEY SEED-----\s*\n\s*(SU[A-Z2-7]+)\s*\n\s*------END USER NKEY SEED------/;

/** Why a credentials file's text is unusable, or null when it has a user JWT and a user seed. */
export function credsProblem(text: string): string | null {
  if (!CREDS_JWT.test(text)) return 'This is not a NATS credentials file: it has no "BEGIN NATS USER JWT" section.';
  if (!CREDS_SEED.test(text)) return 'The credentials file has a JWT but no user seed ("BEGIN USER NKEY SEED", starting with SU).';
  return null;
}

function wholeNumber(value: number, min: number, max: number, what: string): string | null {
  if (!Number.isFinite(value) || !Number.isInteger(value)) return `${what} must be a whole number.`;
  if (value < min || value > max) return `${what} must be between ${min} and ${max}.`;
  return null;
}

/** Every problem with the settings, by field; empty when they can be used. */
export function validateSettings(s: ConnectionSettings): FieldErrors {
  const errors: FieldErrors = {};
  if (s.servers.length === 0) errors.servers = serverUrlProblem("") ?? undefined;
  else {
    const problem = s.servers.map(serverUrlProblem).find((p) => p !== null);
    if (problem) errors.servers = problem;
  }
  if (s.token !== undefined && s.token !== "" && /\s/.test(s.token)) errors.token = "A token cannot contain spaces or line breaks.";
  if (s.creds) {
    const problem = credsProblem(s.creds);
    if (problem) errors.creds = problem;
  }
  const mr = s.maxReconnects === -1 ? null : wholeNumber(s.maxReconnects, 0, 1000, "Max reconnects");
  if (mr) errors.maxReconnects = `${mr} (-1 retries forever.)`;
  const rw = wholeNumber(s.reconnectWaitSeconds, 1, 600, "Reconnect wait");
  if (rw) errors.reconnectWaitSeconds = rw;
  return errors;
}

/** The first server URL from the page's ?server= parameter, the build's VITE_NATS_URL, or the default. */
export function initialServers(search: string, buildDefault: string | undefined, fallback: string): string[] {
  const fromQuery = new URLSearchParams(search).getAll("server").flatMap(splitServers);
  if (fromQuery.length > 0) return fromQuery;
  const fromBuild = splitServers(buildDefault ?? "");
  return fromBuild.length > 0 ? fromBuild : [fallback];
}

/** A server URL in one comparable form: lower-case scheme and host, the port spelled out, no path. */
export function serverKey(url: string): string {
  try {
    const u = new URL(url.trim());
    const port = u.port || (u.protocol === "wss:" ? "443" : u.protocol === "ws:" ? "80" : "");
    return `${u.protocol}//${u.hostname.toLowerCase()}:${port}`;
  } catch {
    return url.trim().toLowerCase();
  }
}

export const hasCredentials = (s: Pick<ConnectionSettings, "token" | "creds">): boolean => Boolean(s.token || s.creds);

/** The servers the credentials may go to (authFor, or the settings' own servers when it is absent). */
export const credentialServers = (s: Pick<ConnectionSettings, "servers" | "authFor">): string[] => s.authFor ?? s.servers;

/**
 * The servers among `s.servers` that the token or credentials were not given for; empty when they
 * may be sent everywhere the settings point (or there are none to send).
 */
export function serversOutsideAuth(s: Pick<ConnectionSettings, "servers" | "authFor" | "token" | "creds">): string[] {
  if (!hasCredentials(s)) return [];
  const allowed = new Set(credentialServers(s).map(serverKey));
  return s.servers.filter((url) => !allowed.has(serverKey(url)));
}

/** The same servers, in any order and spelling. */
export function sameServers(a: string[], b: string[]): boolean {
  const ka = new Set(a.map(serverKey));
  const kb = new Set(b.map(serverKey));
  return ka.size === kb.size && [...ka].every((k) => kb.has(k));
}
