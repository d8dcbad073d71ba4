import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { afterAll, describe, expect, it } from "vitest";
import { openConnection } from "../../../src/nats/connection.ts";
import { leaveRoom, roomSeats } from "../../../src/nats/lobby.ts";
import { startTestRoom, type TestRoom } from "../../support/room.ts";

// The launcher stopped and started again on the same room folder: the same room, the same people in
// the same seats with the credentials their browsers kept, the same streams and messages; a seat that
// was given back stays given back.

let t: TestRoom | undefined;
afterAll(() => t?.stop());

describe("room: the launcher restarted", () => {
  it("keeps the seats, their credentials, streams and messages, and every revocation", async () => {
    const first = await startTestRoom(4);
    t = first;
    const ana = await first.join("Ana");
    const bo = await first.join("Bo");
    const gone = await first.join("Gone");
    await leaveRoom(first.info, first.servers, gone);

    const nc = await openConnection(first.settings(ana), "before restart");
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: "LEDGER", subjects: ["ledger.>"] });
    const js = jetstream(nc);
    for (let i = 1; i <= 25; i++) await js.publish(`ledger.${i % 3}`, `entry ${i}`);
    await nc.close();
    const before = await roomSeats(first.info, first.servers);
    await first.stop(true);

    const second = await startTestRoom(4, { dir: first.dir });
    t = second;
    expect(second.info.room).toBe(first.info.room);
    expect(second.info.service).toBe(first.info.service);
    const after = await roomSeats(second.info, second.servers);
    expect(after.seats.map((s) => [s.seat, s.name, s.since])).toEqual(before.seats.map((s) => [s.seat, s.name, s.since]));
    expect(after.taken).toBe(2);

    // Ana's browser kept her grant: it still works, on the new server process, and her data is there.
    const again = await openConnection(second.settings(ana), "after restart");
    const info = await (await jetstreamManager(again)).streams.info("LEDGER");
    expect(info.state.messages).toBe(25);
    expect(info.state.last_seq).toBe(25);
    const m = await (await jetstreamManager(again)).streams.getMessage("LEDGER", { seq: 25 });
    expect(m?.string()).toBe("entry 25");
    await again.close();
    await openConnection(second.settings(bo), "bo after restart").then((c) => c.close());
    await expect(openConnection(second.settings(gone), "revoked before the restart")).rejects.toThrow(/refused the token or credentials/);

    // The lobby credentials a browser cached from /room.json before the restart still join.
    const late = await second.join("Late");
    expect(late.seat).toBe(gone.seat);
  });
});
