import type { StateCreator } from "zustand";
import { createConnectionMonitor, idleStatus, type ConnectionStatus } from "../../nats/connection.ts";
import { DEFAULT_SERVER_URL } from "../../nats/constants.ts";
import { defaultSettings, initialServers, validateSettings, type ConnectionSettings, type FieldErrors } from "../../nats/settings.ts";

export interface ConnectionSlice {
  /** What the user typed last (persisted). */
  settings: ConnectionSettings;
  /** Name of the credentials file the user chose (the text itself is in settings.creds). */
  credsFileName?: string;
  /** Live status of the panel's connection (not persisted). */
  status: ConnectionStatus;
  /** Problems that stopped the last Connect, by field. */
  fieldErrors: FieldErrors;
  updateSettings: (patch: Partial<ConnectionSettings>, credsFileName?: string | null) => void;
  connect: () => Promise<void>;
  disconnect: () => Promise<void>;
}

/** Browser facts the slice needs, passed in so tests can supply their own. */
export interface ConnectionEnv {
  search: string;
  buildDefaultUrl: string | undefined;
}

export const initialConnectionSettings = (env: ConnectionEnv): ConnectionSettings =>
  defaultSettings(initialServers(env.search, env.buildDefaultUrl, DEFAULT_SERVER_URL));

export const createConnectionSlice =
  (env: ConnectionEnv): StateCreator<ConnectionSlice, [], [], ConnectionSlice> =>
  (set, get) => {
    const monitor = createConnectionMonitor({ onStatus: (status) => set({ status }) });
    return {
      settings: initialConnectionSettings(env),
      status: idleStatus(),
      fieldErrors: {},
      updateSettings: (patch, credsFileName) =>
        set((s) => ({
          settings: { ...s.settings, ...patch },
          credsFileName: credsFileName === null ? undefined : (credsFileName ?? s.credsFileName),
          fieldErrors: {},
        })),
      connect: async () => {
        const fieldErrors = validateSettings(get().settings);
        set({ fieldErrors });
        if (Object.keys(fieldErrors).length > 0) return;
        await monitor.connect(get().settings);
      },
      disconnect: () => monitor.disconnect(),
    };
  };
