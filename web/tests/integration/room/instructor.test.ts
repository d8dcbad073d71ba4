import { jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/nats-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openConnection } from "../../../src/nats/connection.ts";
import { defaultSettings } from "../../../src/nats/settings.ts";
import { ADMIN, FROM_INSTRUCTOR, PROGRESS_STREAM, TO_ALL, toSeat, type SeatGrant } from "../../../src/room/contract.ts";
import { startTestRoom, type TestRoom } from "../../support/room.ts";
import { until } from "../helpers.ts";

// What travels between the seats and the instructor, and only that: each seat's progress into the
// instructor's stream; the instructor's messages to one seat or to all; the room service that resets
// a seat, which only the instructor account reaches.

let t: TestRoom;
const seats: SeatGrant[] = [];
const conns: NatsConnection[] = [];
let teacher: NatsConnection;

const open = async (settings: Parameters<typeof openConnection>[0], name: string) => {
  const nc = await openConnection(settings, name);
  conns.push(nc);
  return nc;
};

beforeAll(async () => {
  t = await startTestRoom(4);
  for (const name of ["One", "Two", "Three"]) seats.push(await t.join(name));
  teacher = await open({ ...defaultSettings(t.servers), creds: t.room.instructorCreds }, "instructor");
});
afterAll(async () => {
  for (const nc of conns) await nc.close().catch(() => undefined);
  await t?.stop();
});

const listen = (nc: NatsConnection, subject: string) => {
  const got: string[] = [];
  nc.subscribe(subject, { callback: (_e, m) => void got.push(`${m.subject} ${m.string()}`) });
  return got;
};

describe("room: the instructor's traffic", () => {
  it("a seat's progress lands in the instructor's stream under its seat; the seat's code user may not publish it", async () => {
    const [one] = seats as [SeatGrant];
    const page = await open(t.settings(one), "one's page");
    page.publish("progress.run", JSON.stringify({ v: 1, kind: "run", exercise: "01-hello-pubsub", ok: true }));
    await page.flush();
    const code = await open({ ...t.settings(one), creds: one.codeCreds }, "one's code");
    const errors: string[] = [];
    void (async () => {
      for await (const s of code.status()) if (s.type === "error") errors.push(String(s.error));
    })();
    code.publish("progress.check", JSON.stringify({ v: 1, kind: "check", forged: true }));
    await code.flush();
    await until(() => errors.length > 0, 5_000);
    expect(errors.join()).toMatch(/Permissions Violation for Publish to "progress.check"/);
    const jsm = await jetstreamManager(teacher);
    await until(async () => (await jsm.streams.info(PROGRESS_STREAM)).state.messages >= 1, 5_000);
    await new Promise((r) => setTimeout(r, 300));
    const info = await jsm.streams.info(PROGRESS_STREAM);
    expect(info.state.messages).toBe(1);
    const m = await jsm.streams.getMessage(PROGRESS_STREAM, { seq: info.state.last_seq });
    expect(m?.subject).toBe(`progress.${one.seat}.run`);
    // The code user is otherwise the seat's own: it may use the seat's streams.
    await (await jetstreamManager(code)).streams.add({ name: "CODE_OK", subjects: ["code.ok"] });
  });

  it("a message to one seat reaches that seat and no other; one to all reaches every seat", async () => {
    const [one, two, three] = seats as [SeatGrant, SeatGrant, SeatGrant];
    const heard = new Map<string, string[]>();
    for (const s of [one, two, three]) {
      const nc = await open(t.settings(s), `${s.seat} page`);
      heard.set(s.seat, listen(nc, "instructor.>"));
      await nc.flush();
    }
    teacher.publish(toSeat(two.seat), "hint for two");
    teacher.publish(TO_ALL, "to everyone");
    await teacher.flush();
    await until(() => [...heard.values()].every((g) => g.some((l) => l.includes("to everyone"))), 5_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.get(two.seat)).toEqual([`${FROM_INSTRUCTOR.me} hint for two`, `${FROM_INSTRUCTOR.all} to everyone`]);
    expect(heard.get(one.seat)).toEqual([`${FROM_INSTRUCTOR.all} to everyone`]);
    expect(heard.get(three.seat)).toEqual([`${FROM_INSTRUCTOR.all} to everyone`]);
  });

  it("a seat can neither read another's progress, send another a hint, nor reach the room service", async () => {
    const [one, two] = seats as [SeatGrant, SeatGrant];
    const oneConn = await open(t.settings(one), "one, attacking");
    const twoConn = await open(t.settings(two), "two, listening");
    const twoHeard = listen(twoConn, ">");
    const oneHeard = listen(oneConn, ">");
    await Promise.all([oneConn.flush(), twoConn.flush()]);
    // Two reports progress; one pretends to be the instructor.
    const twoPage = await open(t.settings(two), "two's page");
    twoPage.publish("progress.hand", JSON.stringify({ v: 1, kind: "hand", raised: true }));
    oneConn.publish(toSeat(two.seat), "forged hint");
    oneConn.publish(TO_ALL, "forged broadcast");
    oneConn.publish(FROM_INSTRUCTOR.me, "to itself only");
    await Promise.all([oneConn.flush(), twoPage.flush()]);
    await new Promise((r) => setTimeout(r, 500));
    expect(twoHeard.filter((l) => !l.startsWith("progress.hand"))).toEqual([]);
    expect(oneHeard.some((l) => l.includes("raised"))).toBe(false);
    await expect(oneConn.request(ADMIN.reset, JSON.stringify({ seat: two.seat }), { timeout: 1_000 })).rejects.toThrow(
      /no responders|timeout/i,
    );
  });

  it("the instructor resets one seat: only that seat's streams go, the seat stays taken", async () => {
    const [one, two] = seats as [SeatGrant, SeatGrant];
    for (const s of [one, two]) {
      const nc = await open(t.settings(s), `${s.seat} streams`);
      await (await jetstreamManager(nc)).streams.add({ name: "WORK", subjects: ["work.>"] });
    }
    const reply = await teacher.request(ADMIN.reset, JSON.stringify({ seat: one.seat }), { timeout: 10_000 });
    expect(JSON.parse(reply.string())).toEqual({ ok: true, text: `${one.seat}: 2 stream(s) deleted.` });
    const names = async (s: SeatGrant) => {
      const nc = await open(t.settings(s), "lister");
      const out: string[] = [];
      for await (const n of (await jetstreamManager(nc)).streams.names()) out.push(n);
      return out.sort();
    };
    expect(await names(one)).toEqual([]);
    expect(await names(two)).toEqual(["WORK"]);
    const bad = await teacher.request(ADMIN.reset, JSON.stringify({ seat: "seat-99" }), { timeout: 5_000 });
    expect(JSON.parse(bad.string())).toEqual({ ok: false, error: 'There is no seat "seat-99" in this room.' });
    const table = JSON.parse(JSON.parse((await teacher.request(ADMIN.seats, "", { timeout: 5_000 })).string()).text);
    expect(table.seats.find((s: { seat: string }) => s.seat === one.seat).name).toBe("One");
  });
});
