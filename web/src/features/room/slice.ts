import type { StateCreator } from "zustand";
import { PlaygroundError } from "../../nats/errors.ts";
import { joinRoom, leaveRoom, roomServers } from "../../nats/lobby.ts";
import { createSeatLine } from "../../nats/progress.ts";
import { sameServers } from "../../nats/settings.ts";
import { parseJoinInfo, type InstructorMessage, type JoinInfo, type ProgressEvent, type SeatGrant } from "../../room/contract.ts";
import type { ConnectionSlice } from "../connection/slice.ts";
import type { LabSlice } from "../lab/slice.ts";

/**
 * The seat this browser holds (persisted): its grant, and the servers its credentials belong to. A
 * seat kept from before code credentials existed has none (its code runs with the page's).
 */
export type StoredSeat = Omit<SeatGrant, "codeCreds"> & { codeCreds?: string; servers: string[] };

/**
 * The page's settings as the participant's own code uses them: in a room, the seat's code user (it
 * may not report progress), as long as the page connects with the seat's credentials.
 */
export function codeSettings<S extends { creds?: string }>(settings: S, seat: StoredSeat | null): S {
  return seat?.codeCreds && settings.creds === seat.creds ? { ...settings, creds: seat.codeCreds } : settings;
}

export interface RoomSlice {
  /** The room this page was served by (its /room.json); null when it runs solo. Not persisted. */
  room: JoinInfo | null;
  /** Whether /room.json has been asked for yet. */
  roomChecked: boolean;
  seat: StoredSeat | null;
  /** The name typed on the join page (persisted): kept when the page is left, offered again after leaving a seat. */
  joinName: string;
  setJoinName: (name: string) => void;
  roomBusy: boolean;
  roomError: string | null;
  /** Asks the web server for /room.json; keeps the seat when it is of this room, forgets it otherwise. */
  loadRoom: () => Promise<void>;
  /** Takes a free seat under this name and connects with its credentials. */
  joinSeat: (name: string) => Promise<boolean>;
  /** Gives the seat back (its credentials are revoked, its streams deleted) and disconnects. */
  leaveSeat: () => Promise<boolean>;
  /** Drops a seat the server no longer accepts (freed by the instructor), so the page can join again. */
  forgetSeat: () => void;
  /** Hints and messages from the instructor, newest last (persisted, the last few). */
  roomMessages: ReceivedMessage[];
  /** The instructor's "follow me": where they are now. */
  follow: Extract<InstructorMessage, { kind: "follow" }> | null;
  handRaised: boolean;
  /** Tells the instructor (a no-op without a seat). */
  reportProgress: (event: ProgressEvent) => void;
  toggleHand: () => void;
  /** Active or idle, reported only when it changes. */
  reportActivity: (active: boolean) => void;
  dismissMessage: (id: string) => void;
  dismissFollow: () => void;
  /** The page's connection changed: listen for the instructor on it, send what waited. */
  roomConnectionChanged: () => void;
}

export type ReceivedMessage = Extract<InstructorMessage, { kind: "message" }> & { toAll: boolean; read: boolean };

/** Messages kept in the page (and its storage). */
export const KEPT_MESSAGES = 30;

/** Browser facts the slice needs, passed in so tests can supply their own. */
export interface RoomEnv {
  /** The text of /room.json, or null when the web server has none (solo). */
  fetchJoinInfo: () => Promise<string | null>;
  page: { protocol: string; hostname: string };
}

export const SEAT_CREDS_LABEL = "this room's seat";

/** No web server with a room behind the page (tests in Node, or `vite preview`): solo. */
export const SOLO_ROOM_ENV: RoomEnv = { fetchJoinInfo: async () => null, page: { protocol: "http:", hostname: "localhost" } };

type Store = RoomSlice & ConnectionSlice & Pick<LabSlice, "labStop">;

export const createRoomSlice =
  (env: RoomEnv): StateCreator<Store, [], [], RoomSlice> =>
  (set, get) => {
    let active = true;
    const line = createSeatLine({
      connection: () => (get().seat ? get().liveConnection() : null),
      onMessage: (m, toAll) => {
        if (m.kind === "follow") return set({ follow: m });
        set((s) => {
          if (s.roomMessages.some((r) => r.id === m.id)) return s;
          return { roomMessages: [...s.roomMessages, { ...m, toAll, read: false }].slice(-KEPT_MESSAGES) };
        });
      },
    });
    const report = (event: ProgressEvent) => {
      const seat = get().seat;
      if (seat) line.report(event, seat.name);
    };
    /** Settings without the seat: its credentials go, the servers stay (the room's). */
    const dropSeat = () =>
      set((s) => {
        const usesSeat = s.seat !== null && s.settings.creds === s.seat.creds;
        const cleared = { seat: null, handRaised: false, follow: null, roomMessages: [] };
        if (!usesSeat) return cleared;
        const { creds: _c, authFor: _a, ...rest } = s.settings;
        return { ...cleared, settings: rest, credsFileName: undefined };
      });
    const takeSeat = (seat: StoredSeat) =>
      set((s) => ({
        seat,
        settings: { ...s.settings, servers: seat.servers, creds: seat.creds, token: undefined, authFor: seat.servers },
        credsFileName: `${seat.seat} (${SEAT_CREDS_LABEL})`,
        credentialsQuestion: null,
        withoutCredentialsFor: null,
        fieldErrors: {},
      }));

    return {
      room: null,
      roomChecked: false,
      seat: null,
      joinName: "",
      setJoinName: (joinName) => set({ joinName }),
      roomBusy: false,
      roomError: null,
      loadRoom: async () => {
        let room: JoinInfo | null;
        try {
          const text = await env.fetchJoinInfo();
          room = text === null ? null : parseJoinInfo(text);
        } catch {
          room = null;
        }
        set({ room, roomChecked: true });
        const seat = get().seat;
        if (!room || !seat) return;
        if (seat.room !== room.room) {
          dropSeat();
          set({ roomError: "This is a new room: the seat this browser held belonged to an earlier one. Join again." });
          return;
        }
        // The room's own page says where its server is now (the launcher may have moved to a free port).
        const servers = roomServers(room, env.page);
        takeSeat(sameServers(servers, seat.servers) ? seat : { ...seat, servers });
      },
      joinSeat: async (name) => {
        const room = get().room;
        if (!room) return false;
        set({ roomBusy: true, roomError: null });
        try {
          const servers = roomServers(room, env.page);
          const grant = await joinRoom(room, servers, name);
          takeSeat({ ...grant, servers });
        } catch (err) {
          set({ roomError: err instanceof Error ? err.message : String(err) });
          return false;
        } finally {
          set({ roomBusy: false });
        }
        await get().connect();
        return true;
      },
      leaveSeat: async () => {
        const { room, seat } = get();
        if (!room || !seat) return false;
        set({ roomBusy: true, roomError: null });
        try {
          get().labStop();
          await leaveRoom(room, seat.servers, seat);
        } catch (err) {
          // Freed already (by the instructor): it is not ours any more either way.
          const gone = err instanceof PlaygroundError && err.kind === "invalid-operation";
          if (!gone) {
            set({ roomError: err instanceof Error ? err.message : String(err), roomBusy: false });
            return false;
          }
        }
        await get().disconnect();
        dropSeat();
        set({ roomBusy: false });
        return true;
      },
      forgetSeat: () => {
        dropSeat();
        set({ roomError: null });
      },
      roomMessages: [],
      follow: null,
      handRaised: false,
      reportProgress: report,
      toggleHand: () => {
        const raised = !get().handRaised;
        set({ handRaised: raised });
        report({ kind: "hand", raised });
      },
      reportActivity: (now) => {
        if (now === active) return;
        active = now;
        report({ kind: "activity", active: now });
      },
      dismissMessage: (id) => set((s) => ({ roomMessages: s.roomMessages.map((m) => (m.id === id ? { ...m, read: true } : m)) })),
      dismissFollow: () => set({ follow: null }),
      roomConnectionChanged: () => line.connectionChanged(),
    };
  };
