import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { jetstreamManager } from "@nats-io/jetstream";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { REPO_ROOT } from "../../../scripts/nats/launcher.ts";
import { natsUrlFor, nodeScript, nodeScriptName } from "../../src/exercises/nodeScript.ts";
import { openConnection, type NatsConnection } from "../../src/nats/connection.ts";
import { createNamespace, newParticipantId } from "../../src/nats/namespace.ts";
import { defaultSettings } from "../../src/nats/settings.ts";

// "Download as a Node script": the file the page hands out runs with `npx tsx file.ts` against the
// same server, over the NATS client for Node (TCP, not the websocket), and does what it did in the
// playground: the stream it creates is on the server, under the participant's names.

const run = promisify(execFile);
const wsUrl = inject("natsWsUrl");
const exercise = (folder: string, file: string) => readFileSync(path.join(REPO_ROOT, "exercises", folder, file), "utf8");

describe("the downloaded Node script", () => {
  let nc: NatsConnection;
  let dir: string;
  beforeAll(async () => {
    nc = await openConnection(defaultSettings([wsUrl]), "node-script test");
    dir = mkdtempSync(path.join(tmpdir(), "node-script-"));
    // As if `npm i @nats-io/transport-node @nats-io/jetstream @nats-io/kv tsx` had run there.
    symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
  });
  afterAll(async () => {
    await nc.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Writes the script, runs it with tsx, returns its output. */
  async function runScript(slug: string, code: string, pid: string): Promise<string> {
    // The page's way to the client port: the INFO its websocket connection got.
    const natsUrl = natsUrlFor(wsUrl, nc.info?.port);
    const file = path.join(dir, nodeScriptName(slug));
    writeFileSync(file, nodeScript({ slug, title: "A test", code, pid, natsUrl, timeLimitSeconds: 20, auth: "none" }));
    const { stdout } = await run(path.join(dir, "node_modules", ".bin", "tsx"), [file], { cwd: dir, timeout: 60_000 });
    return stdout;
  }

  it("runs exercise 04's solution with npx tsx: the stream and its five orders are on the server under the learner's names", async () => {
    const pid = newParticipantId();
    const out = await runScript("04-stream-with-acks", exercise("04-stream-with-acks", "solution.ts"), pid);
    expect(out).toContain("main returned [1,2,3,4,5]");
    const jsm = await jetstreamManager(nc);
    const name = createNamespace(pid, "ex").stream("orders");
    const info = await jsm.streams.info(name);
    expect(info.state.messages).toBe(5);
    expect(info.config.subjects).toEqual([`ex.${pid}.orders.>`]);
    await jsm.streams.delete(name);
  }, 90_000);

  it("keeps value imports of the NATS packages, ctx.kv and an arrow-function main working", async () => {
    const pid = newParticipantId();
    const code = [
      'import { AckPolicy } from "@nats-io/jetstream";',
      "",
      "export default async (ctx: ExerciseContext) => {",
      '  const kv = await ctx.kv("seen", { history: 1 });',
      '  await kv.put("tx-1", AckPolicy.Explicit);',
      '  return (await kv.get("tx-1"))?.string();',
      "};",
    ].join("\n");
    const out = await runScript("10-capstone-exactly-once", code, pid);
    expect(out).toContain('main returned "explicit"');
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(`KV_${createNamespace(pid, "ex").stream("seen")}`);
  }, 90_000);
});
