import type { StateCreator } from "zustand";
import { createConnectionMonitor, idleStatus, type ConnectionStatus, type NatsConnection } from "../../nats/connection.ts";
import { DEFAULT_SERVER_URL } from "../../nats/constants.ts";
import {
  credentialServers,
  defaultSettings,
  hasCredentials,
  initialServers,
  sameServers,
  serversOutsideAuth,
  validateSettings,
  type ConnectionSettings,
  type FieldErrors,
} from "../../nats/settings.ts";

/**
 * The page points at servers the token or credentials were not given for (a ?server= link, a typed
 * URL): nothing is sent, and nothing is saved, until the user says what to do.
 */
export interface CredentialsQuestion {
  /** Where the page wants to connect. */
  servers: string[];
  /** Where the credentials belong. */
  boundTo: string[];
  /** What this browser had saved before, kept saved while the question is open. */
  saved: string[];
  what: "token" | "credentials";
}

export type CredentialsAnswer = "without" | "send" | "back";

export interface ConnectionSlice {
  /** What the user typed last (persisted). */
  settings: ConnectionSettings;
  /** Name of the credentials file the user chose (the text itself is in settings.creds). */
  credsFileName?: string;
  /** Live status of the panel's connection (not persisted). */
  status: ConnectionStatus;
  /** Problems that stopped the last Connect, by field. */
  fieldErrors: FieldErrors;
  credentialsQuestion: CredentialsQuestion | null;
  /** Servers the user chose to use without their credentials, this visit: not asked again. */
  withoutCredentialsFor: string[] | null;
  updateSettings: (patch: Partial<ConnectionSettings>, credsFileName?: string | null) => void;
  connect: () => Promise<void>;
  disconnect: () => Promise<void>;
  answerCredentialsQuestion: (answer: CredentialsAnswer) => Promise<void>;
  /** The page's own connection while it is connected (for the room's progress events), else null. */
  liveConnection: () => NatsConnection | null;
}

/** Browser facts the slice needs, passed in so tests can supply their own. */
export interface ConnectionEnv {
  search: string;
  buildDefaultUrl: string | undefined;
}

export const initialConnectionSettings = (env: ConnectionEnv): ConnectionSettings =>
  defaultSettings(initialServers(env.search, env.buildDefaultUrl, DEFAULT_SERVER_URL));

/** The question to ask before connecting with these settings, or null when the credentials may go. */
export function credentialsQuestionFor(s: ConnectionSettings, saved: string[]): CredentialsQuestion | null {
  if (serversOutsideAuth(s).length === 0) return null;
  return { servers: s.servers, boundTo: credentialServers(s), saved, what: s.creds ? "credentials" : "token" };
}

export const createConnectionSlice =
  (env: ConnectionEnv): StateCreator<ConnectionSlice, [], [], ConnectionSlice> =>
  (set, get) => {
    const monitor = createConnectionMonitor({ onStatus: (status) => set({ status }) });
    return {
      settings: initialConnectionSettings(env),
      status: idleStatus(),
      fieldErrors: {},
      credentialsQuestion: null,
      withoutCredentialsFor: null,
      updateSettings: (patch, credsFileName) =>
        set((s) => {
          const settings = { ...s.settings, ...patch };
          // A token or credentials entered now belong to the servers the form points at now.
          const entered = (patch.token !== undefined && patch.token !== "") || (patch.creds !== undefined && patch.creds !== "");
          if (entered && patch.authFor === undefined) settings.authFor = settings.servers;
          if (!hasCredentials(settings)) delete settings.authFor;
          return {
            settings,
            credsFileName: credsFileName === null ? undefined : (credsFileName ?? s.credsFileName),
            fieldErrors: {},
            credentialsQuestion: null,
          };
        }),
      connect: async () => {
        const { settings, withoutCredentialsFor, credentialsQuestion } = get();
        const fieldErrors = validateSettings(settings);
        set({ fieldErrors });
        if (Object.keys(fieldErrors).length > 0) return;
        const declined = withoutCredentialsFor !== null && sameServers(withoutCredentialsFor, settings.servers);
        const question = declined ? null : credentialsQuestionFor(settings, credentialsQuestion?.saved ?? credentialServers(settings));
        if (question) {
          await monitor.disconnect();
          set({ credentialsQuestion: question });
          return;
        }
        // Bound elsewhere and declined: connectionOptions offers the server nothing.
        await monitor.connect(settings);
      },
      disconnect: () => monitor.disconnect(),
      liveConnection: () => (get().status.state === "connected" ? monitor.connection() : null),
      answerCredentialsQuestion: async (answer) => {
        const q = get().credentialsQuestion;
        if (!q) return;
        if (answer === "send") {
          set((s) => ({ settings: { ...s.settings, authFor: q.servers }, credentialsQuestion: null, withoutCredentialsFor: null }));
        } else if (answer === "back") {
          set((s) => ({ settings: { ...s.settings, servers: q.boundTo }, credentialsQuestion: null, withoutCredentialsFor: null }));
        } else {
          set({ credentialsQuestion: null, withoutCredentialsFor: q.servers });
        }
        await get().connect();
      },
    };
  };
