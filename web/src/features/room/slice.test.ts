import { describe, expect, it } from "vitest";
import { createAppStore, memoryStorage } from "../../app/store.ts";
import type { JoinInfo } from "../../room/contract.ts";
import type { StoredSeat } from "./slice.ts";

const KEY = "nats-playground:v1";
const info: JoinInfo = {
  v: 1,
  room: "r00m",
  title: "Room",
  seats: 3,
  wsPort: 9222,
  servers: [],
  lobby: "creds",
  service: "XKEY",
  joinUrls: [],
};
const seat: StoredSeat = {
  room: "r00m",
  seat: "seat-02",
  name: "Ana",
  creds: "-----BEGIN NATS USER JWT-----\nx\n------END NATS USER JWT------",
  leaveToken: "tok",
  servers: ["ws://laptop.local:9222"],
};

function storeWith(saved: object, served: JoinInfo | null, hostname = "laptop.local") {
  const storage = memoryStorage();
  storage.setItem(KEY, JSON.stringify({ state: saved, version: 0 }));
  return createAppStore(
    {
      search: "",
      buildDefaultUrl: undefined,
      fetchJoinInfo: async () => (served ? JSON.stringify(served) : null),
      page: { protocol: "http:", hostname },
    },
    storage,
  );
}

describe("room slice", () => {
  it("without /room.json the page runs solo and keeps its settings", async () => {
    const s = storeWith({ settings: { servers: ["ws://mine:9222"] } }, null);
    await s.getState().loadRoom();
    expect(s.getState()).toMatchObject({ room: null, roomChecked: true, seat: null });
    expect(s.getState().settings.servers).toEqual(["ws://mine:9222"]);
  });

  it("a /room.json that is not a room's is solo too", async () => {
    const s = storeWith({}, { ...info, v: 2 } as unknown as JoinInfo);
    await s.getState().loadRoom();
    expect(s.getState().room).toBeNull();
  });

  it("a kept seat of this room connects with its credentials, bound to the room's server", async () => {
    const s = storeWith({ seat, settings: { servers: ["ws://elsewhere:1"] } }, info);
    await s.getState().loadRoom();
    const st = s.getState();
    expect(st.room?.room).toBe("r00m");
    expect(st.settings).toMatchObject({ servers: ["ws://laptop.local:9222"], creds: seat.creds, authFor: ["ws://laptop.local:9222"] });
    expect(st.credsFileName).toBe("seat-02 (this room's seat)");
  });

  it("the room's server moved (another port): the seat follows the room that served the page", async () => {
    const s = storeWith({ seat }, { ...info, wsPort: 9333 });
    await s.getState().loadRoom();
    expect(s.getState().settings.servers).toEqual(["ws://laptop.local:9333"]);
    expect(s.getState().seat?.servers).toEqual(["ws://laptop.local:9333"]);
  });

  it("a seat of an earlier room is forgotten with its credentials, and the page says why", async () => {
    const s = storeWith({ seat, settings: { servers: seat.servers, creds: seat.creds, authFor: seat.servers } }, { ...info, room: "new" });
    await s.getState().loadRoom();
    const st = s.getState();
    expect(st.seat).toBeNull();
    expect(st.settings.creds).toBeUndefined();
    expect(st.settings.authFor).toBeUndefined();
    expect(st.roomError).toMatch(/new room/);
  });

  it("forgetting a refused seat keeps credentials that are not the seat's", () => {
    const s = storeWith({ seat, settings: { servers: ["ws://x:1"], creds: "other creds", authFor: ["ws://x:1"] } }, info);
    s.getState().forgetSeat();
    expect(s.getState().seat).toBeNull();
    expect(s.getState().settings.creds).toBe("other creds");
  });
});
