import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { REPO_ROOT } from "../../../scripts/nats/launcher.ts";
import { button, env, openApp, pasteCode } from "./app.ts";

// The exercise runner as learners meet it, in Chromium against the shared real server: code pasted
// from the nats.js READMEs (value imports), type errors, a subscription callback that throws, a forged
// "check passed", a stream left by an earlier Run with other settings, and the Node script download.

const read = (folder: string, file: string) => readFileSync(path.join(REPO_ROOT, "exercises", folder, file), "utf8");
const FIRST = "01-hello-pubsub";
const REQUESTS = "02-subjects-and-requests";
const DEDUPE = "06-dedupe-retries";
/** Compiling happens in Monaco's TypeScript worker before a run starts: slow on a busy 2-core machine. */
const OUTPUT = { timeout: 30_000 };

const consoleOut = (page: Page) => page.getByTestId("console");
const results = (page: Page) => page.getByTestId("check-results").locator("li");

async function openExercise(page: Page, folder: string): Promise<void> {
  await openApp(page, env("E2E_NATS_WS"), `#/exercises/${folder}`);
  await expect(page.getByTestId("code-editor").locator(".monaco-editor .view-lines")).toBeVisible({ timeout: 30_000 });
  await expect(button(page, "Run")).toBeEnabled();
}

/** The 1-based line of `needle` in `code`. */
const lineOf = (code: string, needle: string) => code.split("\n").findIndex((l) => l.includes(needle)) + 1;

test("code from the nats.js READMEs runs as it is: value imports of nats-core, jetstream and kv", async ({ page }) => {
  await openExercise(page, FIRST);
  const code = [
    'import { AckPolicy, DeliverPolicy, jetstreamManager } from "@nats-io/jetstream";',
    'import { Kvm } from "@nats-io/kv";',
    'import { Empty, headers } from "@nats-io/nats-core";',
    "",
    "export default async function main(ctx: ExerciseContext) {",
    "  const jsm = await jetstreamManager(ctx.nc);",
    '  const name = ctx.stream("readme");',
    '  await jsm.streams.add({ name, subjects: [ctx.subject("readme", ">")], max_age: ctx.nanos(60_000) });',
    '  await jsm.consumers.add(name, { durable_name: ctx.consumer("c"), ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All });',
    "  const h = headers();",
    '  h.set("x-from", "readme");',
    '  await ctx.jetstream().publish(ctx.subject("readme", "a"), Empty, { headers: h });',
    '  const kv = await new Kvm(ctx.nc).create(ctx.bucket("readme"));',
    '  await kv.put("k", "from kv");',
    "  const info = await jsm.streams.info(name);",
    '  const value = (await kv.get("k"))?.string();',
    "  await jsm.streams.delete(name);",
    '  await jsm.streams.delete(`KV_${ctx.bucket("readme")}`);',
    "  return `${info.state.messages} ${value}`;",
    "}",
  ].join("\n");
  await pasteCode(page, FIRST, code);
  // The README code type-checks against the packages' own declarations: wait for the editor's TypeScript.
  await expect(page.getByTestId("editor-typescript")).toHaveAttribute("data-state", "ready", { timeout: 60_000 });
  await button(page, "Run").click();
  await expect(consoleOut(page)).toContainText('Finished: main returned "1 from kv"', OUTPUT);
  await expect(consoleOut(page)).not.toContainText("Types not checked");
  await expect(consoleOut(page)).not.toContainText("type error");

  // Anything else is refused before running, at its line, with what can be imported.
  await pasteCode(
    page,
    FIRST,
    'import { connect } from "nats";\nexport default async function main(ctx: ExerciseContext) {\n  return connect;\n}\n',
  );
  await button(page, "Run").click();
  await expect(consoleOut(page)).toContainText('Syntax error on line 1: Importing "nats" is not possible here', OUTPUT);
  await expect(consoleOut(page)).toContainText("@nats-io/nats-core, @nats-io/jetstream, @nats-io/kv");
});

test("type errors are counted in the console, and the code runs anyway", async ({ page }) => {
  await openExercise(page, FIRST);
  await pasteCode(
    page,
    FIRST,
    'export default async function main(ctx: ExerciseContext) {\n  const n: number = "seven";\n  ctx.log("ran", n);\n  ctx.nc.publish(42);\n}\n',
  );
  // Types are checked once the editor's TypeScript has started (a Run before then says it skipped them).
  await expect(page.getByTestId("editor-typescript")).toHaveAttribute("data-state", "ready", { timeout: 60_000 });
  await button(page, "Run").click();
  await expect(consoleOut(page)).toContainText(
    /2 type errors \(first: line 2: Type 'string' is not assignable to type 'number'\.\): running anyway\./,
    OUTPUT,
  );
  await expect(consoleOut(page)).toContainText("ran seven");
});

test("a subscription callback or an un-awaited loop that throws: the error at the learner's line, the run ends with it, and a check says so", async ({
  page,
}) => {
  await openExercise(page, FIRST);
  const code = [
    "export default async function main(ctx: ExerciseContext) {",
    "  const got = new Promise<void>((resolve) => {",
    '    ctx.nc.subscribe(ctx.subject("cb"), {',
    "      callback: (_err, msg) => {",
    "        JSON.parse(msg.string());",
    "        resolve();",
    "      },",
    "    });",
    "  });",
    '  ctx.nc.publish(ctx.subject("cb"), "not json");',
    "  await got;",
    "}",
  ].join("\n");
  await pasteCode(page, FIRST, code);
  await button(page, "Run").click();
  await expect(consoleOut(page)).toContainText(/Error on line 5: Your subscription callback threw: SyntaxError/, OUTPUT);
  // It ends at once with that error, not at the time limit.
  await expect(consoleOut(page)).toContainText("Ended with an error on line 5.", { timeout: 5_000 });

  // In exercise 02, a responder (a loop main starts and does not await) that throws for an account it has never seen.
  await openExercise(page, REQUESTS);
  const solution = read(REQUESTS, "solution.ts");
  const responder = "msg.respond(String(balances[account] ?? 0));";
  expect(solution, "02's solution has the responder line this test changes").toContain(responder);
  const broken = solution.replace(responder, "msg.respond(String((balances[account] as number).toFixed(0)));");
  await pasteCode(page, REQUESTS, broken);
  await button(page, "Check").click();
  await expect(consoleOut(page)).toContainText(/\d+ of \d+ checks passed/, { timeout: 60_000 });
  const line = lineOf(broken, "toFixed(0)");
  await expect(page.getByTestId("check-results")).toContainText(
    `Your code threw at line ${line}, in a loop or task main started without awaiting it`,
  );
  await expect(page.getByTestId("check-results")).not.toContainText("does your responder call msg.respond");
  await expect(page.getByTestId("exercise-complete")).toHaveCount(0);
});

test("a check result or an ending posted by participant code marks nothing complete", async ({ page }) => {
  await openExercise(page, FIRST);
  const code = [
    "export default async function main(ctx: ExerciseContext) {",
    "  const post = (globalThis as unknown as { postMessage(m: unknown): void }).postMessage;",
    '  post({ type: "check", result: { name: "forged", status: "pass" } });',
    '  post({ type: "done", ok: true, summary: "1 of 1 checks passed." });',
    '  return ["hello 1", "hello 2", "hello 3"];',
    "}",
  ].join("\n");
  await pasteCode(page, FIRST, code);
  await button(page, "Check").click();
  await expect(consoleOut(page)).toContainText(/\d+ of \d+ checks passed/, { timeout: 40_000 });
  await expect(results(page).filter({ hasText: "forged" })).toHaveCount(0);
  await expect(results(page).and(page.locator('[data-status="fail"]')).first()).toBeVisible();
  await expect(page.getByTestId("exercise-complete")).toHaveCount(0);
});

test("a stream left by an earlier Run with other settings: the console says so and Reset my server state clears it", async ({ page }) => {
  test.slow(); // three runs and a reset
  await openExercise(page, DEDUPE);
  // The starter creates the stream without a duplicate window…
  await button(page, "Run").click();
  await expect(consoleOut(page)).toContainText(/Finished/, OUTPUT);
  // …the solution asks for one: the server refuses to change it by creating it again.
  await pasteCode(page, DEDUPE, read(DEDUPE, "solution.ts"));
  await button(page, "Run").click();
  await expect(consoleOut(page)).toContainText("stream name already in use", OUTPUT);
  await expect(consoleOut(page)).toContainText("Press “Reset my server state”");
  const reset = button(page, "Reset my server state");
  await expect(reset).toHaveClass(/primary/);
  await reset.click();
  await expect(page.getByRole("group", { name: "Confirm server reset" })).toContainText(/Delete EX_[A-Z0-9-]+_PAYMENTS/);
  await button(page, "Yes, delete").click();
  await expect(consoleOut(page)).toContainText(/Server state reset: deleted EX_[A-Z0-9-]+_PAYMENTS/);
  await expect(button(page, "Reset my server state")).not.toHaveClass(/primary/);
  await button(page, "Run").click();
  await expect(consoleOut(page)).toContainText(/Finished: main returned 4\./, OUTPUT);
});

test("Download as a Node script: the code in the editor, the server's client address, how to run it", async ({ page }) => {
  await openExercise(page, FIRST);
  const code = read(FIRST, "solution.ts");
  await pasteCode(page, FIRST, code);
  const [download] = await Promise.all([page.waitForEvent("download"), button(page, "Download as a Node script").click()]);
  expect(download.suggestedFilename()).toBe(`${FIRST}.ts`);
  const file = readFileSync(await download.path(), "utf8");
  expect(file).toContain("npx tsx 01-hello-pubsub.ts");
  expect(file).toContain(
    code
      .trim()
      .replace(/^export\s+default\s+/m, "export const playgroundMain = ")
      .split("\n")
      .slice(0, 3)
      .join("\n"),
  );
  // The websocket's host with the client port the server announced (not the websocket's port).
  const wsPort = new URL(env("E2E_NATS_WS")).port;
  const natsUrl = /servers: process\.env\.NATS_URL \?\? "(nats:\/\/[^"]+)"/.exec(file)?.[1];
  expect(natsUrl).toMatch(/^nats:\/\/127\.0\.0\.1:\d+$/);
  expect(natsUrl?.endsWith(`:${wsPort}`)).toBe(false);
  await expect(consoleOut(page)).toContainText(`Saved ${FIRST}.ts`);
});
