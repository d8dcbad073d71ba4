import { jetstreamManager } from "@nats-io/jetstream";
import { expect, test } from "@playwright/test";
import { ensureWebSocket } from "../../../scripts/lib/websocket.ts";
import { allLaneSettings } from "../../src/lab/contract/defaults.ts";
import { createLabEngine, type LabEngine } from "../../src/lab/engine/engine.ts";
import type { LaneId } from "../../src/lab/contract/protocol.ts";
import { openConnection } from "../../src/nats/connection.ts";
import type { SeatGrant } from "../../src/room/contract.ts";
import { button, pasteCode } from "./app.ts";
import { joinInPage, startE2ERoom, type E2ERoom } from "./room.ts";

// Seat B, in a browser, runs exercise code that attacks seat A while A's lab runs: a `>` subscription,
// listing, inspecting, purging and deleting A's streams, taking A's deliveries, publishing into A's
// subjects. The server refuses or shows nothing, and A's lab never notices.

ensureWebSocket();
const SLUG = "02-subjects-and-requests";
const LANES: LaneId[] = ["core", "jetstream", "dedupe", "durable"];
const A_PID = "victim1";
let room: E2ERoom;
let a: SeatGrant;
let lab: LabEngine;

test.beforeAll(async () => {
  room = await startE2ERoom(3);
  a = await room.join("Alice");
  lab = createLabEngine({ emit: () => undefined, seed: 11 });
  await lab.handle({ type: "configure", connection: room.settings(a), pid: A_PID });
  await lab.handle({
    type: "start",
    lanes: LANES,
    producer: { ratePerSecond: 100, payloadBytes: 64, retryShare: 0.1 },
    settings: allLaneSettings(),
  });
});
test.afterAll(async () => {
  await lab.handle({ type: "stop" });
  await room.stop();
});

const delivered = () => LANES.map((l) => lab.snapshot().lanes[l]?.metrics.counters.delivered ?? 0);

/** What seat B's participant code tries, printing one line per attempt. */
const ATTACK = `export default async function main(ctx: ExerciseContext) {
  const seen: string[] = [];
  const sub = ctx.nc.subscribe(">", { callback: (_e, m) => void seen.push(m.subject) });
  await ctx.sleep(5000);
  sub.unsubscribe();
  ctx.log("sniffed " + seen.length + " messages");
  const jsm = await ctx.jetstreamManager();
  const names: string[] = [];
  for await (const n of jsm.streams.names()) names.push(n);
  ctx.log("streams: [" + names.join(",") + "]");
  for (const lane of ["JETSTREAM", "DEDUPE", "DURABLE"]) {
    const name = "LAB_${A_PID.toUpperCase()}_" + lane;
    for (const [what, op] of [["info", () => jsm.streams.info(name)], ["purge", () => jsm.streams.purge(name)], ["delete", () => jsm.streams.delete(name)]] as const) {
      try { await op(); ctx.log(what + " " + name + ": ALLOWED"); } catch (e) { ctx.log(what + " " + name + ": refused (" + (e as Error).message + ")"); }
    }
    const durable = "lab_${A_PID}_" + lane.toLowerCase();
    try { await ctx.jetstream().consumers.get(name, durable); ctx.log("consumer " + durable + ": ALLOWED"); } catch (e) { ctx.log("consumer " + durable + ": refused (" + (e as Error).message + ")"); }
    try { await ctx.jetstream().publish("lab.${A_PID}." + lane.toLowerCase() + ".events", "forged", { msgID: "evt-1", timeout: 1000 }); ctx.log("publish: ALLOWED"); } catch (e) { ctx.log("publish into " + lane + ": refused (" + (e as Error).message + ")"); }
  }
  return "done";
}
`;

test("seat B's exercise code, in the browser, sees and touches nothing of seat A's", async ({ page }) => {
  test.setTimeout(180_000);
  await expect.poll(() => Math.min(...delivered()), { timeout: 30_000 }).toBeGreaterThan(50);
  const streamsBefore = await aStreams();
  await joinInPage(page, room, "Bob");
  await page.goto(`${room.base}/#/exercises/${SLUG}`);
  await expect(page.getByTestId("code-editor").locator(".monaco-editor .view-lines")).toBeVisible({ timeout: 60_000 });
  await pasteCode(page, SLUG, ATTACK);
  const before = delivered();
  await button(page, "Run").click();
  const out = page.getByTestId("console");
  await expect(out).toContainText("Finished: main returned", { timeout: 90_000 });
  const text = (await out.textContent()) ?? "";
  expect(text).toContain("sniffed 0 messages");
  expect(text).toContain("streams: []");
  expect(text).not.toContain("ALLOWED");
  for (const lane of ["JETSTREAM", "DEDUPE", "DURABLE"]) {
    for (const what of ["info", "purge", "delete"])
      expect(text).toMatch(new RegExp(`${what} LAB_${A_PID.toUpperCase()}_${lane}: refused \\(stream not found`));
    expect(text).toMatch(new RegExp(`consumer lab_${A_PID}_${lane.toLowerCase()}: refused`));
    expect(text).toMatch(new RegExp(`publish into ${lane}: refused`));
  }
  // A's lab delivered all the while, and A's streams are whole.
  const after = delivered();
  for (const [i, n] of after.entries()) expect(n, LANES[i]).toBeGreaterThan((before[i] ?? 0) + 200);
  expect(lab.snapshot().error).toBeUndefined();
  for (const l of LANES) expect(lab.snapshot().lanes[l]?.state, l).toBe("running");
  const streamsAfter = await aStreams();
  for (const [name, n] of streamsBefore) expect(streamsAfter.get(name), name).toBeGreaterThanOrEqual(n);
});

async function aStreams(): Promise<Map<string, number>> {
  const nc = await openConnection(room.settings(a), "A observer");
  const out = new Map<string, number>();
  for await (const si of (await jetstreamManager(nc)).streams.list()) out.set(si.config.name, si.state.messages);
  await nc.close();
  return out;
}
