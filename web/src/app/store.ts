import { createStore, useStore } from "zustand";
import { persist } from "zustand/middleware";
import { createConnectionSlice, credentialsQuestionFor, type ConnectionEnv, type ConnectionSlice } from "../features/connection/slice.ts";
import { sanitizeProgress } from "../features/exercises/progress.ts";
import { createExercisesSlice, type ExercisesSlice } from "../features/exercises/slice.ts";
import { createLabSlice, defaultLabConfig, type LabConfig, type LabSlice } from "../features/lab/slice.ts";
import { createParticipantSlice, type ParticipantSlice } from "../features/participant/slice.ts";
import { createInstructorSlice, type InstructorSlice } from "../features/instructor/slice.ts";
import { createPresenterSlice, type PresenterSlice } from "../features/presenter/slice.ts";
import { createRoomSlice, SOLO_ROOM_ENV, type RoomEnv, type RoomSlice, type StoredSeat } from "../features/room/slice.ts";
import { createSaveGuard, type SaveGuard, type SyncStorage } from "../features/storage/saveGuard.ts";
import { LANE_IDS, readLaneSettings } from "../lab/contract/modes/index.ts";
import { PRESETS } from "../lab/contract/presets.ts";
import { participantIdProblem } from "../nats/namespace.ts";

export type AppState = ConnectionSlice & ParticipantSlice & LabSlice & ExercisesSlice & RoomSlice & InstructorSlice & PresenterSlice;

/** What the store needs from the browser; without a room part the page runs solo. */
export type AppEnv = ConnectionEnv & Partial<RoomEnv>;

const isStoredSeat = (v: unknown): v is StoredSeat => {
  const s = v as Partial<StoredSeat> | null;
  return (
    typeof s === "object" &&
    s !== null &&
    typeof s.room === "string" &&
    typeof s.seat === "string" &&
    typeof s.creds === "string" &&
    typeof s.leaveToken === "string" &&
    Array.isArray(s.servers)
  );
};

/** Bump when the persisted shape changes incompatibly. */
export const STORAGE_KEY = "nats-playground:v1";

/**
 * One store built from slices; persistence sits on the combined store only (zustand's slices pattern).
 * Saves go through `guard`, which writes only what changed and turns a failed write (storage full)
 * into its status instead of an exception nobody sees.
 */
export function createAppStore(env: AppEnv, storage: SyncStorage, guard: SaveGuard = createSaveGuard()) {
  const hasServerParam = new URLSearchParams(env.search).has("server");
  return createStore<AppState>()(
    persist(
      (...a) => ({
        ...createConnectionSlice(env)(...a),
        ...createParticipantSlice()(...a),
        ...createLabSlice()(...a),
        ...createExercisesSlice()(...a),
        ...createRoomSlice({ ...SOLO_ROOM_ENV, ...env })(...a),
        ...createInstructorSlice({ page: env.page ?? SOLO_ROOM_ENV.page })(...a),
        ...createPresenterSlice()(...a),
      }),
      {
        name: STORAGE_KEY,
        storage: guard.storage(storage),
        partialize: (s) => ({
          // While the page asks whether to send the credentials to a new server, that server is not saved.
          settings: s.credentialsQuestion ? { ...s.settings, servers: s.credentialsQuestion.saved } : s.settings,
          credsFileName: s.credsFileName,
          pid: s.pid,
          seat: s.seat,
          joinName: s.joinName,
          handRaised: s.handRaised,
          roomMessages: s.roomMessages,
          instructorCreds: s.instructorCreds,
          thresholds: s.thresholds,
          labConfig: s.labConfig,
          exerciseProgress: s.exerciseProgress,
        }),
        merge: (persisted, current) => {
          const saved = (persisted ?? {}) as Partial<AppState>;
          const settings = { ...current.settings, ...saved.settings };
          if (!Array.isArray(settings.servers) || settings.servers.length === 0) settings.servers = current.settings.servers;
          // Saved before credentials were bound to servers: they belong to the servers saved with them.
          if ((settings.token || settings.creds) && !Array.isArray(settings.authFor)) settings.authFor = settings.servers;
          const savedServers = settings.servers;
          // A ?server= link names the server to use: it wins over what this browser used last time, but the
          // token or credentials saved for another server are not sent there before the user says so.
          if (hasServerParam) settings.servers = current.settings.servers;
          const credentialsQuestion = credentialsQuestionFor(settings, savedServers);
          const pid = typeof saved.pid === "string" && !participantIdProblem(saved.pid) ? saved.pid : current.pid;
          // Saved lab settings over today's defaults, so a field added later still gets its default.
          const base = defaultLabConfig();
          // Each lane's settings read as its mode reads them: its own keys, each checked (an old shape keeps what still fits).
          const labConfig: LabConfig = saved.labConfig
            ? {
                ...base,
                ...saved.labConfig,
                producer: { ...base.producer, ...saved.labConfig.producer },
                enabled: { ...base.enabled, ...saved.labConfig.enabled },
                settings: Object.fromEntries(
                  LANE_IDS.map((id) => [
                    id,
                    readLaneSettings(id, (saved.labConfig?.settings as Record<string, unknown> | undefined)?.[id]).settings,
                  ]),
                ) as LabConfig["settings"],
              }
            : current.labConfig;
          // The learner's code and completions: kept entry by entry, malformed ones dropped.
          const exerciseProgress = sanitizeProgress(saved.exerciseProgress);
          const seat = isStoredSeat(saved.seat) ? saved.seat : null;
          const joinName = typeof saved.joinName === "string" ? saved.joinName : "";
          const handRaised = seat !== null && saved.handRaised === true;
          const instructorCreds = typeof saved.instructorCreds === "string" ? saved.instructorCreds : null;
          const thresholds = { ...current.thresholds, ...(typeof saved.thresholds === "object" ? saved.thresholds : {}) };
          const roomMessages =
            seat !== null && Array.isArray(saved.roomMessages)
              ? saved.roomMessages.filter((m) => typeof m?.id === "string" && typeof m.text === "string")
              : [];
          return {
            ...current,
            settings,
            credentialsQuestion,
            credsFileName: saved.credsFileName,
            pid,
            seat,
            joinName,
            handRaised,
            roomMessages,
            instructorCreds,
            thresholds,
            labConfig,
            exerciseProgress,
          };
        },
      },
    ),
  );
}

export type AppStore = ReturnType<typeof createAppStore>;

/**
 * What the room hears from the page without any feature calling it: the connection coming (back),
 * an exercise completed, a lab preset started. Returns the unsubscribe function.
 */
export function reportRoomProgress(store: AppStore): () => void {
  return store.subscribe((s, prev) => {
    if (s.status.state === "connected" && (prev.status.state !== "connected" || s.status.url !== prev.status.url))
      s.roomConnectionChanged();
    if (s.exerciseProgress !== prev.exerciseProgress) {
      for (const [slug, p] of Object.entries(s.exerciseProgress)) {
        if (p.completed && !prev.exerciseProgress[slug]?.completed) s.reportProgress({ kind: "completed", exercise: slug });
      }
    }
    const started = s.labRunning && !prev.labRunning;
    const preset = PRESETS.find((p) => p.id === s.labConfig.presetId);
    if (started && preset) s.reportProgress({ kind: "preset", preset: preset.id, title: preset.title });
  });
}

/** Keeps nothing: the stand-in for localStorage where there is none (tests importing this module in Node). */
export function memoryStorage(): SyncStorage {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

const inBrowser = typeof window !== "undefined";

/** /room.json from the web server that served this page: a room's join information, or nothing (solo). */
async function fetchJoinInfo(): Promise<string | null> {
  const res = await fetch(new URL("room.json", window.location.href), { cache: "no-store" });
  return res.ok && res.status !== 204 ? res.text() : null;
}

/** Whether the page's saves work (the storage banner, the import's fit test). */
export const appSaveGuard = createSaveGuard();

export const appStore = createAppStore(
  {
    search: inBrowser ? window.location.search : "",
    buildDefaultUrl: import.meta.env.VITE_NATS_URL as string | undefined,
    ...(inBrowser && { fetchJoinInfo, page: window.location }),
  },
  inBrowser ? window.localStorage : memoryStorage(),
  appSaveGuard,
);

export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}

/**
 * Connect as soon as the page opens, so `npm start` → open the URL → "connected". In a room, first
 * learn the room: with a seat the page connects with the seat's credentials; without one it waits for
 * the participant to join (connecting anonymously to a room's server would only be refused).
 */
export async function startConnectionOnLoad(store: AppStore): Promise<void> {
  await store.getState().loadRoom();
  const s = store.getState();
  // The instructor's browser: its own connection on the instructor's credentials.
  if (s.room && s.instructorCreds) void s.instructorLogin();
  if (s.room && !s.seat) return;
  await s.connect();
}
