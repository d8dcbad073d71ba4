import { jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/nats-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openConnection } from "../../../src/nats/connection.ts";
import { createSeatLine, PROGRESS_QUEUE_MAX } from "../../../src/nats/progress.ts";
import { defaultSettings } from "../../../src/nats/settings.ts";
import {
  PROGRESS_STREAM,
  TO_ALL,
  toSeat,
  type InstructorMessage,
  type ProgressEnvelope,
  type SeatGrant,
} from "../../../src/room/contract.ts";
import { startTestRoom, type TestRoom } from "../../support/room.ts";
import { until } from "../helpers.ts";

// The page's line to the instructor, on a real room: events made while the connection is away wait
// (bounded) and go when it is back, stored once each in the instructor's stream; the instructor's
// messages arrive, told apart by whom they were for.

let t: TestRoom;
let grant: SeatGrant;
let page: NatsConnection;
let teacher: NatsConnection;
beforeAll(async () => {
  t = await startTestRoom(2);
  grant = await t.join("Lina");
  page = await openConnection(t.settings(grant), "page");
  teacher = await openConnection({ ...defaultSettings(t.servers), creds: t.room.instructorCreds }, "instructor");
});
afterAll(async () => {
  await page?.close();
  await teacher?.close();
  await t?.stop();
});

async function stored(): Promise<{ subject: string; env: ProgressEnvelope }[]> {
  const jsm = await jetstreamManager(teacher);
  const info = await jsm.streams.info(PROGRESS_STREAM);
  const out: { subject: string; env: ProgressEnvelope }[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const m = await jsm.streams.getMessage(PROGRESS_STREAM, { seq }).catch(() => null);
    if (m) out.push({ subject: m.subject, env: m.json<ProgressEnvelope>() });
  }
  return out;
}

describe("a seat's line to the instructor", () => {
  it("queues what happens while offline, sends it when the connection is back, and each event is stored once", async () => {
    let online = false;
    const got: [InstructorMessage, boolean][] = [];
    const line = createSeatLine({ connection: () => (online ? page : null), onMessage: (m, all) => void got.push([m, all]) });
    line.report({ kind: "opened", exercise: "01-hello-pubsub" }, grant.name);
    line.report(
      { kind: "run", exercise: "01-hello-pubsub", ok: false, error: "Error on line 3: boom", code: "x".repeat(30_000) },
      grant.name,
    );
    line.report({ kind: "hand", raised: true }, grant.name);
    expect(line.pending()).toEqual({ queued: 3, dropped: 0 });
    await new Promise((r) => setTimeout(r, 300));
    expect((await stored()).length).toBe(0);

    online = true;
    line.connectionChanged();
    expect(line.pending().queued).toBe(0);
    await until(async () => (await stored()).length === 3, 5_000);
    const all = await stored();
    expect(all.map((s) => s.subject)).toEqual([
      `progress.${grant.seat}.opened`,
      `progress.${grant.seat}.run`,
      `progress.${grant.seat}.hand`,
    ]);
    expect(all[1]!.env).toMatchObject({ kind: "run", ok: false, error: "Error on line 3: boom", name: "Lina" });
    expect((all[1]!.env as { code: string }).code.length).toBeLessThan(20_100);

    // The instructor's messages, to this seat and to everyone.
    line.connectionChanged();
    await page.flush();
    const hint: InstructorMessage = { v: 1, kind: "message", id: "m1", at: 1, text: "Look at max: 3", hint: true };
    teacher.publish(toSeat(grant.seat), JSON.stringify(hint));
    teacher.publish(TO_ALL, JSON.stringify({ ...hint, id: "m2", text: "Break in 5 minutes", hint: false }));
    teacher.publish(toSeat(grant.seat), "not json at all");
    await teacher.flush();
    await until(() => got.length === 2, 5_000);
    expect(got.map(([m, toAll]) => [m.id, toAll])).toEqual([
      ["m1", false],
      ["m2", true],
    ]);
    line.close();
  });

  it("keeps at most the last events while offline, and says how many it dropped", () => {
    const line = createSeatLine({ connection: () => null, onMessage: () => undefined });
    for (let i = 0; i < PROGRESS_QUEUE_MAX + 50; i++) line.report({ kind: "activity", active: i % 2 === 0 }, "x");
    expect(line.pending()).toEqual({ queued: PROGRESS_QUEUE_MAX, dropped: 50 });
    line.close();
  });
});
