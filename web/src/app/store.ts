import { createStore, useStore } from "zustand";
import { createJSONStorage, persist, type StateStorage } from "zustand/middleware";
import { createConnectionSlice, type ConnectionEnv, type ConnectionSlice } from "../features/connection/slice.ts";
import { sanitizeProgress } from "../features/exercises/progress.ts";
import { createExercisesSlice, type ExercisesSlice } from "../features/exercises/slice.ts";
import { createLabSlice, defaultLabConfig, type LabSlice } from "../features/lab/slice.ts";
import { createParticipantSlice, type ParticipantSlice } from "../features/participant/slice.ts";
import { participantIdProblem } from "../nats/namespace.ts";

export type AppState = ConnectionSlice & ParticipantSlice & LabSlice & ExercisesSlice;

/** Bump when the persisted shape changes incompatibly. */
const STORAGE_KEY = "nats-playground:v1";

/**
 * zustand's persist writes on every state change, the lab's ten snapshots a second included. Writing
 * only when the persisted part changed keeps a tab that merely shows the lab from overwriting, ten
 * times a second, the code another tab of the same browser just saved.
 */
export function writeOnChange(storage: StateStorage): StateStorage {
  /** What this store last read or wrote. */
  let last: string | null = null;
  return {
    getItem: (name) => {
      const value = storage.getItem(name);
      if (typeof value === "string" || value === null) last = value;
      return value;
    },
    setItem: (name, value) => {
      if (value === last) return;
      last = value;
      return storage.setItem(name, value);
    },
    removeItem: (name) => {
      last = null;
      return storage.removeItem(name);
    },
  };
}

/** One store built from slices; persistence sits on the combined store only (zustand's slices pattern). */
export function createAppStore(env: ConnectionEnv, storage: StateStorage) {
  const hasServerParam = new URLSearchParams(env.search).has("server");
  return createStore<AppState>()(
    persist(
      (...a) => ({
        ...createConnectionSlice(env)(...a),
        ...createParticipantSlice()(...a),
        ...createLabSlice()(...a),
        ...createExercisesSlice()(...a),
      }),
      {
        name: STORAGE_KEY,
        storage: createJSONStorage(() => writeOnChange(storage)),
        partialize: (s) => ({
          settings: s.settings,
          credsFileName: s.credsFileName,
          pid: s.pid,
          labConfig: s.labConfig,
          exerciseProgress: s.exerciseProgress,
        }),
        merge: (persisted, current) => {
          const saved = (persisted ?? {}) as Partial<AppState>;
          const settings = { ...current.settings, ...saved.settings };
          // A ?server= link names the server to use: it wins over what this browser used last time.
          if (hasServerParam) settings.servers = current.settings.servers;
          else if (!Array.isArray(settings.servers) || settings.servers.length === 0) settings.servers = current.settings.servers;
          const pid = typeof saved.pid === "string" && !participantIdProblem(saved.pid) ? saved.pid : current.pid;
          // Saved lab settings over today's defaults, so a field added later still gets its default.
          const base = defaultLabConfig();
          const labConfig = saved.labConfig
            ? { ...base, ...saved.labConfig, producer: { ...base.producer, ...saved.labConfig.producer } }
            : current.labConfig;
          // The learner's code and completions: kept entry by entry, malformed ones dropped.
          const exerciseProgress = sanitizeProgress(saved.exerciseProgress);
          return { ...current, settings, credsFileName: saved.credsFileName, pid, labConfig, exerciseProgress };
        },
      },
    ),
  );
}

export type AppStore = ReturnType<typeof createAppStore>;

/** Keeps nothing: the stand-in for localStorage where there is none (tests importing this module in Node). */
export function memoryStorage(): StateStorage {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

const inBrowser = typeof window !== "undefined";

export const appStore = createAppStore(
  { search: inBrowser ? window.location.search : "", buildDefaultUrl: import.meta.env.VITE_NATS_URL as string | undefined },
  inBrowser ? window.localStorage : memoryStorage(),
);

export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}

/** Connect as soon as the page opens, so `npm start` → open the URL → "connected". */
export function startConnectionOnLoad(store: AppStore): void {
  void store.getState().connect();
}
