import { describe, expect, it } from "vitest";
import { parseStartArgs } from "./start-args.ts";

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseStartArgs(argv, env, "/work/here");

describe("the launcher's command line", () => {
  it("solo by default, on localhost, with the seed's ports and monitoring on loopback", () => {
    const a = parse([]);
    expect(a).toMatchObject({
      room: null,
      dev: false,
      webHost: "localhost",
      webPort: 4173,
      natsHost: "127.0.0.1",
      monitorHost: "127.0.0.1",
    });
    expect(a.ports).toEqual({ client: 4222, http: 8222, ws: 9222 });
    expect(a.dataDir).toBe("/work/here/.nats-data");
  });

  it("--room alone is 30 seats on every interface; a number sets the seats; the folder is ./.room", () => {
    expect(parse(["--room"])).toMatchObject({
      room: 30,
      webHost: "0.0.0.0",
      natsHost: "0.0.0.0",
      monitorHost: "127.0.0.1",
      roomDir: "/work/here/.room",
    });
    expect(parse(["--room", "200"]).room).toBe(200);
    expect(parse(["--room=12", "--title", "Kafka refugees"])).toMatchObject({ room: 12, title: "Kafka refugees" });
    expect(parse(["--room", "--dev"])).toMatchObject({ room: 30, dev: true, webPort: 5173 });
  });

  it("keeps the room on this machine when PLAYGROUND_HOST says so; opens monitoring only when asked", () => {
    expect(parse(["--room", "3"], { PLAYGROUND_HOST: "localhost" })).toMatchObject({ webHost: "localhost", natsHost: "127.0.0.1" });
    expect(parse(["--room", "3"], { NATS_MONITOR_HOST: "0.0.0.0" }).monitorHost).toBe("0.0.0.0");
  });

  it("reads sizes and a room folder", () => {
    const a = parse(["--room", "5", "--seat-disk", "64MiB", "--seat-memory=8m", "--room-dir", "rooms/friday"]);
    expect(a).toMatchObject({ seatDisk: 64 * 1024 * 1024, seatMemory: 8 * 1024 * 1024, roomDir: "/work/here/rooms/friday" });
  });

  it("names every problem at once", () => {
    const all = () => parse(["--room", "0", "--seat-disk", "lots", "--frobnicate"], { NATS_WS_PORT: "99999" });
    expect(all).toThrow(/--room 0: give a number of seats from 1 to 500\./);
    expect(all).toThrow(/--seat-disk lots: give a size such as 256MiB or 1GiB\./);
    expect(all).toThrow(/Unknown option --frobnicate\./);
    expect(all).toThrow(/NATS_WS_PORT=99999 is not a port number/);
    expect(all).toThrow(/Usage: npm start/);
    expect(() => parse(["--title", "x"])).toThrow(/--title is for a room: add --room/);
    expect(() => parse(["--docker"])).toThrow(/--docker is for a room/);
    expect(() => parse(["--room", "3", "--room-dir"])).toThrow(/--room-dir needs a value/);
  });
});
