import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { REPO_ROOT, startNats, type NatsServer } from "../../../scripts/nats/launcher.ts";
import { parseMistakeHeader } from "../../src/exercises/mistakes.ts";
import { env, openApp, pasteCode as setCode, savedCode, STORAGE_KEY, button } from "./app.ts";

// Exercises end to end: real Chromium, the production build, a real nats-server. One generated test
// per folder under exercises/, so a new exercise is covered without editing this file.

const EXERCISES_DIR = path.join(REPO_ROOT, "exercises");
const FOLDERS = readdirSync(EXERCISES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^\d{2}-/.test(d.name))
  .map((d) => d.name)
  .sort();
const read = (folder: string, file: string) => readFileSync(path.join(EXERCISES_DIR, folder, file), "utf8");
/** Plausible wrong solutions (exercises/<folder>/mistakes/*.ts) and the checks each must fail. */
const MISTAKES = FOLDERS.flatMap((folder) => {
  const dir = path.join(EXERCISES_DIR, folder, "mistakes");
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".ts"))
        .sort()
        .map((file) => ({ folder, file, code: read(folder, `mistakes/${file}`) }))
    : [];
});
/** The exercise used for runner behaviour: the first one, with a short time limit. */
const FIRST = FOLDERS[0] as string;
const FIRST_LIMIT_S = Number(/timeLimitSeconds:\s*(\d+)/.exec(read(FIRST, "README.md"))?.[1] ?? 20);
/** Compiling happens in Monaco's TypeScript worker before a run starts: slow on a busy 2-core machine. */
const FIRST_OUTPUT = { timeout: 30_000 };

const servers: NatsServer[] = [];
test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

const editor = (page: Page) => page.getByTestId("code-editor");
const consoleOut = (page: Page) => page.getByTestId("console");
const results = (page: Page) => page.getByTestId("check-results").locator("li");

async function openExercise(page: Page, folder: string, server = env("E2E_NATS_WS")): Promise<void> {
  await openApp(page, server, `#/exercises/${folder}`);
  await expect(editor(page).locator(".monaco-editor .view-lines")).toBeVisible({ timeout: 30_000 });
  await expect(button(page, "Run")).toBeEnabled();
}

/** The visible text of the editor (Monaco draws spaces as no-break spaces). */
async function editorText(page: Page): Promise<string> {
  return ((await editor(page).locator(".view-lines").innerText()) ?? "").replace(/\u00a0/g, " ");
}

for (const folder of FOLDERS) {
  test(`${folder}: the starter fails a check, the solution passes them all`, async ({ page }) => {
    test.slow(); // two compiles and two check runs against the server
    await openExercise(page, folder);
    await button(page, "Check").click();
    await expect(consoleOut(page)).toContainText(/\d+ of \d+ checks passed/, { timeout: 40_000 });
    const count = await results(page).count();
    expect(count).toBeGreaterThan(0);
    await expect(results(page).and(page.locator('[data-status="fail"]')).first()).toBeVisible();
    await expect(page.getByTestId("exercise-complete")).toHaveCount(0);

    await setCode(page, folder, read(folder, "solution.ts"));
    await button(page, "Check").click();
    await expect(page.locator('[data-testid="check-results"] li[data-status="pass"]')).toHaveCount(count, { timeout: 40_000 });
    await expect(consoleOut(page)).toContainText(`${count} of ${count} checks passed`);
    await expect(page.getByTestId("exercise-complete")).toBeVisible();
  });
}

for (const { folder, file, code } of MISTAKES) {
  const { mistake, fails } = parseMistakeHeader(code);
  test(`${folder}: the checks catch mistakes/${file} (${mistake})`, async ({ page }) => {
    test.slow(); // a compile and a check run that injects a fault
    await openExercise(page, folder);
    await setCode(page, folder, code);
    await button(page, "Check").click();
    await expect(consoleOut(page)).toContainText(/\d+ of \d+ checks passed/, { timeout: 60_000 });
    const statuses = await results(page).evaluateAll((items) =>
      items.map((li) => ({ name: li.querySelector(".ex-result-name")?.textContent ?? "", status: li.getAttribute("data-status") })),
    );
    for (const name of fails) {
      // A check's name may go on with values the check fills in: the file names its beginning.
      const named = statuses.filter((r) => r.name.startsWith(name));
      expect(named.length, `a check named "${name}…" among ${JSON.stringify(statuses)}`).toBeGreaterThan(0);
      for (const r of named) expect(r.status, `the check "${r.name}"`).toBe("fail");
    }
    // Exactly those: every other check passes, so each mistake is caught by the check meant for it.
    const others = statuses.filter((r) => !fails.some((name) => r.name.startsWith(name)));
    for (const r of others) expect(r.status, `the check "${r.name}" (not named in the file's Fails: lines)`).toBe("pass");
    await expect(page.getByTestId("exercise-complete")).toHaveCount(0);
  });
}

test("an endless loop ends at the time limit, the page stays responsive, and the next Run works", async ({ page }) => {
  test.slow(); // waits out the exercise's whole time limit
  await openExercise(page, FIRST);
  await setCode(page, FIRST, 'export default async function main(ctx: ExerciseContext) {\n  ctx.log("spinning");\n  while (true) {}\n}\n');
  await button(page, "Run").click();
  await expect(consoleOut(page)).toContainText("spinning", FIRST_OUTPUT);
  // The limit counts from the start of the run (compiling comes before it).
  const started = Date.now();
  // The worker is stuck; the page is not.
  await page.getByRole("button", { name: /Show a hint/ }).click();
  await expect(page.getByTestId("hint").first()).toBeVisible();
  await expect(button(page, "Stop")).toBeEnabled();
  await expect(consoleOut(page)).toContainText("Timeout: stopped after", { timeout: (FIRST_LIMIT_S + 5) * 1000 });
  expect(Date.now() - started).toBeLessThan((FIRST_LIMIT_S + 3) * 1000);
  await expect(button(page, "Stop")).toBeDisabled();

  await setCode(page, FIRST, 'export default async function main(ctx: ExerciseContext) {\n  ctx.log("alive again");\n  return 42;\n}\n');
  await button(page, "Run").click();
  await expect(consoleOut(page)).toContainText("alive again", FIRST_OUTPUT);
  await expect(consoleOut(page)).toContainText("Finished: main returned 42.");
});

test("Stop ends a run at once", async ({ page }) => {
  await openExercise(page, FIRST);
  await setCode(
    page,
    FIRST,
    'export default async function main(ctx: ExerciseContext) {\n  ctx.log("waiting");\n  await ctx.sleep(60_000);\n}\n',
  );
  await button(page, "Run").click();
  await expect(consoleOut(page)).toContainText("waiting", FIRST_OUTPUT);
  await button(page, "Stop").click();
  await expect(consoleOut(page)).toContainText("Stopped.");
  await expect(button(page, "Stop")).toBeDisabled();
});

test("a syntax error is marked in the editor and explained; nothing runs", async ({ page }) => {
  await openExercise(page, FIRST);
  await setCode(page, FIRST, "export default async function main(ctx: ExerciseContext) {\n  const x = ;\n  ctx.log(x);\n}\n");
  await button(page, "Run").click();
  await expect(consoleOut(page)).toContainText("Syntax error on line 2", FIRST_OUTPUT);
  await expect(consoleOut(page)).toContainText("nothing was run");
  await expect(editor(page).locator(".squiggly-error").first()).toBeVisible();
});

test("a thrown error is shown at its line in the participant's code", async ({ page }) => {
  await openExercise(page, FIRST);
  // Types and blank lines vanish when compiling: the line must still be the participant's.
  const code = [
    "interface Order {",
    "  id: string;",
    "}",
    "",
    "export default async function main(ctx: ExerciseContext) {",
    '  const order: Order = { id: "o-1" };',
    "  ctx.log(order.id);",
    "",
    '  throw new Error("boom");',
    "}",
    "",
  ].join("\n");
  await setCode(page, FIRST, code);
  await button(page, "Run").click();
  await expect(consoleOut(page)).toContainText("Error on line 9: boom", FIRST_OUTPUT);
  await expect(editor(page).locator(".squiggly-error").first()).toBeVisible();
});

test("server stopped during a check: infrastructure error, not a fail", async ({ page }) => {
  const server = await startNats();
  servers.push(server);
  await openExercise(page, FIRST, server.wsUrl);
  const solution = read(FIRST, "solution.ts");
  // The solution, made to wait so the server can go away while the check runs.
  const slow = solution.replace(
    /(export default async function main\([^)]*\)[^{]*\{\n)/,
    '$1  ctx.log("waiting");\n  await ctx.sleep(3000);\n',
  );
  expect(slow).not.toBe(solution);
  await setCode(page, FIRST, slow);
  await button(page, "Check").click();
  await expect(consoleOut(page)).toContainText("waiting", FIRST_OUTPUT);
  await server.kill();
  await expect(results(page).first()).toBeVisible({ timeout: 20_000 });
  await expect(consoleOut(page)).toContainText(/checks passed/, { timeout: 30_000 });
  await expect(page.locator('[data-testid="check-results"] li[data-status="infrastructure"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="check-results"] li[data-status="fail"]')).toHaveCount(0);
  await expect(page.getByTestId("check-results")).toContainText("infrastructure error");
  await expect(page.getByTestId("check-results")).toContainText("not your code's fault");
});

test("code and completion survive a reload; reset restores the starter; the solution view keeps your code", async ({ page }) => {
  await openExercise(page, FIRST);
  const starter = read(FIRST, "starter.ts");
  const mine = `// my attempt\n${starter}`;
  await setCode(page, FIRST, mine);
  await page.reload();
  await expect(editor(page).locator(".view-lines")).toBeVisible({ timeout: 30_000 });
  expect(await savedCode(page, FIRST)).toBe(mine);
  await expect.poll(() => editorText(page)).toContain("// my attempt");

  await button(page, "Show solution").click();
  await expect(page.getByTestId("solution-diff").locator(".monaco-diff-editor")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("solution-diff")).toContainText("// my attempt");
  expect(await savedCode(page, FIRST)).toBe(mine);
  await expect.poll(() => editorText(page)).toContain("// my attempt");
  await button(page, "Hide solution").click();

  await button(page, "Reset to starter").click();
  await button(page, "Cancel").click();
  expect(await savedCode(page, FIRST)).toBe(mine);
  await button(page, "Reset to starter").click();
  await button(page, "Yes, reset").click();
  await expect.poll(() => savedCode(page, FIRST)).toBeUndefined();
  await expect.poll(() => editorText(page)).not.toContain("// my attempt");
  const firstLine = starter.split("\n")[0] as string;
  await expect.poll(() => editorText(page)).toContain(firstLine);
});

test("progress exports to a file and imports back", async ({ page }) => {
  await openExercise(page, FIRST);
  await setCode(page, FIRST, read(FIRST, "solution.ts"));
  await button(page, "Check").click();
  await expect(page.getByTestId("exercise-complete")).toBeVisible({ timeout: 40_000 });
  await page.getByRole("link", { name: "← All exercises" }).click();
  await expect(page.getByTestId(`exercise-${FIRST}`).getByLabel("complete")).toBeVisible();

  const download = page.waitForEvent("download");
  await button(page, "Export progress").click();
  const file = await (await download).path();
  const exported = readFileSync(file, "utf8");
  expect(JSON.parse(exported).exercises[FIRST].completed).toBe(true);

  await page.evaluate((key) => localStorage.removeItem(key), STORAGE_KEY);
  await page.reload();
  await expect(page.getByTestId(`exercise-${FIRST}`).getByLabel("complete")).toHaveCount(0);
  await page
    .getByLabel("Import progress")
    .setInputFiles({ name: "progress.json", mimeType: "application/json", buffer: Buffer.from(exported) });
  await expect(page.getByText("Imported progress for")).toBeVisible();
  await expect(page.getByTestId(`exercise-${FIRST}`).getByLabel("complete")).toBeVisible();
});

test("no request leaves localhost while the exercise page loads and runs", async ({ page }) => {
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  page.on("websocket", (ws) => urls.push(ws.url()));
  page.on("worker", (w) => urls.push(w.url()));
  await openExercise(page, FIRST);
  await page.getByRole("button", { name: /Show a hint/ }).click();
  await button(page, "Run").click();
  await expect(consoleOut(page)).toContainText(/Finished|Ended|Stopped/, { timeout: 30_000 });
  await button(page, "Check").click();
  await expect(consoleOut(page)).toContainText(/checks passed/, { timeout: 40_000 });
  await button(page, "Show solution").click();
  await expect(page.getByTestId("solution-diff").locator(".monaco-diff-editor")).toBeVisible({ timeout: 30_000 });

  expect(urls.length).toBeGreaterThan(0);
  const isLocal = (raw: string) => {
    // data: and blob: URLs never touch the network; a blob: URL carries the page's own origin.
    if (raw.startsWith("data:")) return true;
    const url = new URL(raw.startsWith("blob:") ? raw.slice(5) : raw);
    return url.hostname === "localhost" || url.hostname === "127.0.0.1";
  };
  expect(urls.filter((u) => !isLocal(u))).toEqual([]);
});

test("instructions render Markdown: exercise 02's wildcard table is a table, exercise 10's quote a blockquote", async ({ page }) => {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const instructions = page.getByRole("region", { name: "Instructions" });
  await page.setViewportSize({ width: 700, height: 900 });
  await openApp(page, env("E2E_NATS_WS"), "#/exercises/02-subjects-and-requests");
  const table = instructions.getByRole("table");
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(table.getByRole("columnheader", { name: "Wildcard" })).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("cell", { name: "tx.*.debit hears tx.acc-1.debit, not tx.acc-1.credit" })).toBeVisible();
  await expect(instructions).not.toContainText("| --");
  // A table wider than the column scrolls inside its wrapper; the instructions do not widen.
  await expect(instructions.locator(".ex-table-scroll")).toHaveCSS("overflow-x", "auto");
  expect(await instructions.evaluate((section) => section.scrollWidth - section.clientWidth)).toBeLessThanOrEqual(0);
  // Readable in both themes (axe's contrast rule on the instructions, tables included).
  for (const theme of ["dark", "light"]) {
    if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme)
      await page.getByRole("button", { name: `Switch to ${theme} theme` }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    const { violations } = await new AxeBuilder({ page }).include(".ex-instructions").withRules(["color-contrast"]).analyze();
    expect(violations.flatMap((v) => v.nodes.map((n) => `${theme}: ${n.target.join(" ")}: ${n.failureSummary}`))).toEqual([]);
  }

  await page.evaluate(() => (location.hash = "#/exercises/10-capstone-exactly-once"));
  const quote = instructions.locator("blockquote");
  await expect(quote).toBeVisible({ timeout: 30_000 });
  await expect(quote).toHaveText("exactly-once in effect = at-least-once delivery + idempotent, position-tracking processing");
  await expect(instructions).not.toContainText("> exactly-once");
});
