import { describe, expect, it } from "vitest";
import type { JoinInfo } from "../room/contract.ts";
import { roomServers } from "./lobby.ts";

const info: JoinInfo = { v: 1, room: "r", title: "t", seats: 1, wsPort: 9222, servers: [], lobby: "", service: "", joinUrls: [] };

describe("the room's websocket URL", () => {
  it("is the room's port on the host the page came from, wss:// under https", () => {
    expect(roomServers(info, { protocol: "http:", hostname: "laptop.local" })).toEqual(["ws://laptop.local:9222"]);
    expect(roomServers(info, { protocol: "https:", hostname: "room.example" })).toEqual(["wss://room.example:9222"]);
    expect(roomServers(info, { protocol: "http:", hostname: "[::1]" })).toEqual(["ws://[::1]:9222"]);
    expect(roomServers(info, { protocol: "http:", hostname: "fe80::1" })).toEqual(["ws://[fe80::1]:9222"]);
  });

  it("is what the room names when it names servers", () => {
    expect(roomServers({ ...info, servers: ["ws://nats.example:443"] }, { protocol: "http:", hostname: "x" })).toEqual([
      "ws://nats.example:443",
    ]);
  });
});
