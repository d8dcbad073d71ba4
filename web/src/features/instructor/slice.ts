import type { StateCreator } from "zustand";
import { openInstructorLink, type InstructorLink } from "../../nats/instructor.ts";
import { roomServers } from "../../nats/lobby.ts";
import { credsProblem, defaultSettings } from "../../nats/settings.ts";
import type { InstructorMessage, SeatsReply } from "../../room/contract.ts";
import type { RoomSlice } from "../room/slice.ts";
import { applyEvent, DEFAULT_THRESHOLDS, type Grid, type StuckThresholds } from "./grid.ts";

export type InstructorState = "off" | "connecting" | "replaying" | "live" | "failed";

export interface InstructorSlice {
  /** The instructor account's .creds (persisted: the instructor's browser only). */
  instructorCreds: string | null;
  instructorState: InstructorState;
  instructorError: string | null;
  grid: Grid;
  seatTable: SeatsReply | null;
  thresholds: StuckThresholds;
  setThresholds: (t: Partial<StuckThresholds>) => void;
  /** Opens the instructor's connection with these credentials (or the kept ones). */
  instructorLogin: (creds?: string) => Promise<void>;
  instructorLogout: () => Promise<void>;
  sendToSeats: (to: string | "all", text: string, hint: boolean) => Promise<boolean>;
  /** "Follow me": a banner with a link on every seat's page. */
  sendFollow: (title: string, href: string) => Promise<boolean>;
  resetSeat: (seat: string) => Promise<string>;
}

/** Grid updates are gathered and drawn at most this often (a replay brings thousands at once). */
const GRID_FLUSH_MS = 200;
/** The seat table (names, connections) is asked for this often. */
const SEATS_REFRESH_MS = 5_000;

type Store = InstructorSlice & Pick<RoomSlice, "room">;

export interface InstructorEnv {
  page: { protocol: string; hostname: string };
}

export const createInstructorSlice =
  (env: InstructorEnv): StateCreator<Store, [], [], InstructorSlice> =>
  (set, get) => {
    let link: InstructorLink | null = null;
    let pending: Grid | null = null;
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    let seatsTimer: ReturnType<typeof setInterval> | undefined;
    const newId = () => crypto.randomUUID();

    const flush = () => {
      flushTimer = undefined;
      if (pending) set({ grid: pending });
      pending = null;
    };
    const refreshSeats = async () => {
      const table = await link?.seats();
      if (table) set({ seatTable: table });
    };
    const close = async () => {
      clearInterval(seatsTimer);
      clearTimeout(flushTimer);
      const l = link;
      link = null;
      await l?.close();
    };
    const send = async (to: string | "all", m: InstructorMessage) => {
      if (!link) return false;
      await link.send(to, m);
      return true;
    };

    return {
      instructorCreds: null,
      instructorState: "off",
      instructorError: null,
      grid: {},
      seatTable: null,
      thresholds: DEFAULT_THRESHOLDS,
      setThresholds: (t) => set((s) => ({ thresholds: { ...s.thresholds, ...t } })),
      instructorLogin: async (creds) => {
        const text = creds ?? get().instructorCreds;
        const room = get().room;
        if (!text) return;
        const problem = credsProblem(text);
        if (problem) return set({ instructorError: problem, instructorState: "failed" });
        if (!room)
          return set({
            instructorError: "This page was not opened from a room: open the room's instructor link.",
            instructorState: "failed",
          });
        await close();
        const servers = roomServers(room, env.page);
        set({ instructorCreds: text, instructorState: "connecting", instructorError: null, grid: {} });
        try {
          link = await openInstructorLink(
            { ...defaultSettings(servers), creds: text, authFor: servers },
            {
              onEvent: (subject, e) => {
                pending = applyEvent(pending ?? get().grid, subject, e);
                flushTimer ??= setTimeout(flush, GRID_FLUSH_MS);
              },
              onCaughtUp: () => {
                flush();
                set({ instructorState: "live" });
              },
              onProblem: (message) => set({ instructorError: message }),
            },
          );
          if (get().instructorState === "connecting") set({ instructorState: "replaying" });
          void refreshSeats();
          seatsTimer = setInterval(() => void refreshSeats(), SEATS_REFRESH_MS);
        } catch (err) {
          set({ instructorState: "failed", instructorError: err instanceof Error ? err.message : String(err) });
        }
      },
      instructorLogout: async () => {
        await close();
        set({ instructorCreds: null, instructorState: "off", instructorError: null, grid: {}, seatTable: null });
      },
      sendToSeats: (to, text, hint) => send(to, { v: 1, kind: "message", id: newId(), at: Date.now(), text, hint }),
      sendFollow: (title, href) => send("all", { v: 1, kind: "follow", id: newId(), at: Date.now(), title, href }),
      resetSeat: async (seat) => {
        if (!link) return "Not connected as the instructor.";
        const r = await link.reset(seat);
        return r.ok ? r.text : r.error;
      },
    };
  };
