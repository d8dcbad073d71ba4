// Runs an exercise's checks from the command line, in Node, against a real nats-server: the starter,
// the solution and every mistake (or the files named), each through check.ts as the browser runs it.
// A quick loop for whoever writes checks; `npm test` proves the same in Chromium (exercises.spec.ts).
//
//   npm run exercise:check -- 03-queue-groups                 # starter, solution, mistakes/*
//   npm run exercise:check -- 03-queue-groups mistakes/x.ts   # one file
//   npm run exercise:check -- 03 --server ws://127.0.0.1:9222 # an existing server
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import type { CheckSuite } from "../../web/src/exercises/checks/api.ts";
import { allPassed, type CheckResult } from "../../web/src/exercises/checks/classify.ts";
import { runCheckSuite } from "../../web/src/exercises/checks/run-suite.ts";
import { parseMistakeHeader } from "../../web/src/exercises/mistakes.ts";
import { linkImports } from "../../web/src/exercises/runtime/imports.ts";
import {
  loadParticipantModule,
  NO_MAIN_MESSAGE,
  startParticipant,
  type ParticipantDeps,
  type ParticipantModule,
  type ParticipantRun,
} from "../../web/src/exercises/runtime/participant.ts";
import { openConnection } from "../../web/src/nats/connection.ts";
import { serverConnection } from "../../web/src/nats/exercise-checks.ts";
import { installImportableModules } from "../../web/src/nats/exercise-modules.ts";
import { newParticipantId } from "../../web/src/nats/namespace.ts";
import { defaultSettings } from "../../web/src/nats/settings.ts";
import { ensureWebSocket } from "../lib/websocket.ts";
import { REPO_ROOT, startNats } from "../nats/launcher.ts";

const EXERCISES = path.join(REPO_ROOT, "exercises");

/** TypeScript → an ES module, as the editor's compiler emits it, with the NATS imports linked. */
export function compileParticipant(source: string): string {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const linked = linkImports(js);
  if (!linked.ok) throw new Error(linked.message);
  return linked.js;
}

/** Node cannot import a Blob URL; a data: URL module is the same thing here. */
async function loadInNode(js: string): Promise<ParticipantModule> {
  const url = `data:text/javascript;base64,${Buffer.from(js).toString("base64")}`;
  const mod = (await import(url)) as { default?: unknown };
  if (typeof mod.default !== "function") throw new TypeError(NO_MAIN_MESSAGE);
  return { main: mod.default as ParticipantModule["main"], url };
}
void loadParticipantModule; // the browser's loader, replaced above

/** The run started last: an error nobody caught belongs to it (as in the browser's runner worker). */
let current: ParticipantRun | null = null;
const track = (deps: ParticipantDeps): ParticipantRun => (current = startParticipant(deps));
process.on("unhandledRejection", (reason) => {
  if (!current?.uncaught(reason)) console.log(`    [uncaught] ${reason instanceof Error ? reason.message : String(reason)}`);
});

export interface FileVerdict {
  file: string;
  results: CheckResult[];
  /** What the file must do: "fail some" (starter), "pass all" (solution), or fail exactly these checks (a mistake). */
  ok: boolean;
  why: string;
}

/** Runs check.ts of `folder` on the code in `file` (relative to the folder). */
export async function checkFile(folder: string, file: string, wsUrl: string, log = false): Promise<FileVerdict> {
  const dir = path.join(EXERCISES, folder);
  const source = readFileSync(path.join(dir, file), "utf8");
  const limit = Number(/timeLimitSeconds:\s*(\d+)/.exec(readFileSync(path.join(dir, "README.md"), "utf8"))?.[1] ?? 20) * 1000;
  const suite = ((await import(path.join(dir, "check.ts"))) as { default: CheckSuite }).default;
  const settings = defaultSettings([wsUrl]);
  const pid = newParticipantId();
  const js = compileParticipant(source);
  const results: CheckResult[] = [];
  const stop = new AbortController();
  await runCheckSuite({
    suite,
    pid,
    connect: () => openConnection(settings, `exercise-check ${folder}`),
    report: (r) => results.push(r),
    startMain: (checker, connectionLost) =>
      track({
        request: { type: "check", slug: folder, js, sourceMap: null, settings, pid, timeLimitMs: limit },
        log: (level, text) => log && console.log(`    [${level}] ${text}`),
        onError: (message, position) => log && console.log(`    [error${position ? ` line ${position.line}` : ""}] ${message}`),
        signal: stop.signal,
        connectionLost,
        inspect: (cid) => serverConnection(checker, cid),
        load: loadInNode,
      }),
  });
  stop.abort(new Error("checks done"));
  const failed = results.filter((r) => r.status !== "pass").map((r) => r.name);
  if (file === "starter.ts") return { file, results, ok: failed.length > 0, why: "the starter must fail at least one check" };
  if (file === "solution.ts") return { file, results, ok: allPassed(results), why: "the solution must pass every check" };
  const { fails } = parseMistakeHeader(source);
  const unexpected = failed.filter((n) => !fails.some((f) => n.startsWith(f)));
  const missed = fails.filter((f) => !results.some((r) => r.name.startsWith(f) && r.status === "fail"));
  return {
    file,
    results,
    ok: unexpected.length === 0 && missed.length === 0,
    why: [
      missed.length ? `must fail but did not: ${missed.join(" | ")}` : "",
      unexpected.length ? `failed though not named: ${unexpected.join(" | ")}` : "",
    ]
      .filter(Boolean)
      .join("; "),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf("--server");
  const server = at >= 0 ? args.splice(at, 2)[1] : undefined;
  const verbose = args.includes("--log");
  const [prefix, ...files] = args.filter((a) => a !== "--log");
  const folder = readdirSync(EXERCISES).find((f) => prefix && f.startsWith(prefix));
  if (!folder)
    throw new Error(
      `No exercise folder starts with "${prefix ?? ""}". Usage: npm run exercise:check -- <NN-slug> [file…] [--server ws://…] [--log]`,
    );
  const mistakes = existsSync(path.join(EXERCISES, folder, "mistakes"))
    ? readdirSync(path.join(EXERCISES, folder, "mistakes"))
        .filter((f) => f.endsWith(".ts"))
        .map((f) => `mistakes/${f}`)
    : [];
  const todo = files.length > 0 ? files : ["starter.ts", "solution.ts", ...mistakes];
  ensureWebSocket();
  installImportableModules();
  const nats = server ? null : await startNats();
  let bad = 0;
  try {
    for (const file of todo) {
      const v = await checkFile(folder, file, server ?? (nats as NonNullable<typeof nats>).wsUrl, verbose);
      if (!v.ok) bad++;
      console.log(`${v.ok ? "ok  " : "BAD "} ${folder}/${file}${v.ok ? "" : `: ${v.why}`}`);
      for (const r of v.results) console.log(`       ${r.status.padEnd(14)} ${r.name}${r.message ? `: ${r.message}` : ""}`);
    }
  } finally {
    await nats?.stop();
  }
  process.exitCode = bad > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
