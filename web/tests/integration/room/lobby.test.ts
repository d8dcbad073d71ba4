import { jetstreamManager } from "@nats-io/jetstream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openConnection } from "../../../src/nats/connection.ts";
import { PlaygroundError } from "../../../src/nats/errors.ts";
import { leaveRoom, roomSeats } from "../../../src/nats/lobby.ts";
import { defaultSettings } from "../../../src/nats/settings.ts";
import { instructorProgressSubject, LOBBY } from "../../../src/room/contract.ts";
import { startTestRoom, type TestRoom } from "../../support/room.ts";
import { until } from "../helpers.ts";

// The lobby's credentials are public to the room (they come with /room.json). What a participant can
// do with them, on purpose or not, must stop at asking for a seat.

let t: TestRoom;
beforeAll(async () => {
  t = await startTestRoom(3);
});
afterAll(() => t?.stop());

const lobbySettings = () => ({ ...defaultSettings(t.servers), creds: t.info.lobby, maxReconnects: 0 });

describe("room lobby", () => {
  it("a lobby user sniffing every inbox while others join reads no credentials: grants are sealed", async () => {
    const spy = await openConnection(lobbySettings(), "sniffer");
    const seen: Uint8Array[] = [];
    spy.subscribe("_INBOX.>", { callback: (_e, m) => void seen.push(m.data) });
    await spy.flush();
    const grant = await t.join("Ana");
    await spy.flush();
    await until(() => seen.length > 0, 5_000);
    const seed = /SU[A-Z2-7]{56}/.exec(grant.creds)?.[0];
    const jwt = /eyJ[\w-]+\.[\w-]+\.[\w-]+/.exec(grant.creds)?.[0];
    expect(seed).toBeTruthy();
    const sniffed = seen.map((d) => new TextDecoder().decode(d)).join("\n");
    expect(sniffed).toContain('"sealed"');
    expect(sniffed).not.toContain(seed);
    expect(sniffed).not.toContain(jwt);
    expect(sniffed).not.toContain(grant.leaveToken);
    await spy.close();
    await leaveRoom(t.info, t.servers, grant);
  });

  it("a lobby user may not answer joins, announce changes, or use JetStream", async () => {
    const nc = await openConnection(lobbySettings(), "impostor");
    const errors: string[] = [];
    void (async () => {
      for await (const s of nc.status()) if (s.type === "error") errors.push(String(s.error));
    })();
    nc.subscribe(LOBBY.join);
    nc.publish(LOBBY.events, "fake");
    nc.publish("_INBOX.anything", "forged grant");
    await nc.flush();
    await until(() => errors.length >= 3, 5_000);
    expect(errors.join("\n")).toMatch(/Permissions Violation for Subscription to "room.join"/);
    expect(errors.join("\n")).toMatch(/Permissions Violation for Publish to "room.events"/);
    expect(errors.join("\n")).toMatch(/Permissions Violation for Publish to "_INBOX.anything"/);
    await expect(jetstreamManager(nc).then((jsm) => jsm.getAccountInfo())).rejects.toThrow(/permission|not enabled|no responders/i);
    await nc.close();
  });

  it("seats run out with a plain message; a wrong leave token frees nothing", async () => {
    const grants = [await t.join("A"), await t.join("B"), await t.join("C")];
    expect(new Set(grants.map((g) => g.seat)).size).toBe(3);
    const full = await t.join("D").catch((e: unknown) => e);
    expect(full).toBeInstanceOf(PlaygroundError);
    expect((full as Error).message).toMatch(/The room is full: all 3 seats are taken/);
    await expect(leaveRoom(t.info, t.servers, { seat: grants[0]!.seat, leaveToken: "guessed" })).rejects.toThrow(/does not hold seat-01/);
    expect((await roomSeats(t.info, t.servers)).taken).toBe(3);
    for (const g of grants) await leaveRoom(t.info, t.servers, g);
    expect((await roomSeats(t.info, t.servers)).taken).toBe(0);
  });

  it("leaving revokes the seat: a live connection is closed, the credentials never work again, the next holder starts empty", async () => {
    const first = await t.join("Leaver");
    const nc = await openConnection({ ...t.settings(first), maxReconnects: 0 }, "leaver");
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: "MINE", subjects: ["mine.>"] });
    await leaveRoom(t.info, t.servers, first);
    const closed = await Promise.race([nc.closed().then(() => "closed"), new Promise((r) => setTimeout(() => r("still open"), 10_000))]);
    expect(closed).toBe("closed");
    await expect(openConnection(t.settings(first), "leaver again")).rejects.toThrow(/refused the token or credentials/);
    // The seat goes to the next participant, with nothing of the one before.
    const next = await t.join("Next");
    expect(next.seat).toBe(first.seat);
    const nc2 = await openConnection(t.settings(next), "next");
    const names: string[] = [];
    for await (const n of (await jetstreamManager(nc2)).streams.names()) names.push(n);
    expect(names).toEqual([]);
    await nc2.close();
    await expect(openConnection(t.settings(first), "leaver, later")).rejects.toThrow(/refused/);
    // A second change of the same account within the same second is taken too.
    await leaveRoom(t.info, t.servers, next);
    await expect(openConnection(t.settings(next), "next, after leaving")).rejects.toThrow(/refused/);
  });

  it("a seat freed from the launcher (as the instructor will) is revoked and emptied like one that was left", async () => {
    const grant = await t.join("Absent");
    const nc = await openConnection(t.settings(grant), "absent");
    await (await jetstreamManager(nc)).streams.add({ name: "LEFTOVER", subjects: ["leftover"] });
    await nc.close();
    expect(await t.room.service.free(grant.seat)).toBe(true);
    expect(await t.room.service.free(grant.seat)).toBe(false);
    await expect(openConnection(t.settings(grant), "absent again")).rejects.toThrow(/refused/);
    expect((await roomSeats(t.info, t.servers)).seats.find((s) => s.seat === grant.seat)?.name).toBeUndefined();
    const next = await t.join("Newcomer");
    const nc2 = await openConnection(t.settings(next), "newcomer");
    const names: string[] = [];
    for await (const n of (await jetstreamManager(nc2)).streams.names()) names.push(n);
    expect(names).toEqual([]);
    await nc2.close();
    await leaveRoom(t.info, t.servers, next);
  });

  it("the instructor receives each seat's progress subject, prefixed with the seat, and nothing else of it", async () => {
    const grant = await t.join("Pupil");
    const teacher = await openConnection({ ...defaultSettings(t.servers), creds: t.room.instructorCreds }, "instructor");
    const got: string[] = [];
    teacher.subscribe(">", { callback: (_e, m) => void got.push(`${m.subject} ${m.string()}`) });
    await teacher.flush();
    const pupil = await openConnection(t.settings(grant), "pupil");
    pupil.publish("progress.run", "ok");
    pupil.publish("lab.whatever.core.events", "not for the instructor");
    await pupil.flush();
    await until(() => got.length > 0, 5_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(got).toEqual([`${instructorProgressSubject(grant.seat).replace(">", "run")} ok`]);
    // And the other way: the instructor's own subjects reach no seat.
    const heard: string[] = [];
    pupil.subscribe(">", { callback: (_e, m) => void heard.push(m.subject) });
    await pupil.flush();
    teacher.publish("progress.seat-01.run", "x");
    teacher.publish("hint", "x");
    await teacher.flush();
    await new Promise((r) => setTimeout(r, 300));
    expect(heard).toEqual([]);
    await pupil.close();
    await teacher.close();
    await leaveRoom(t.info, t.servers, grant);
  });
});
