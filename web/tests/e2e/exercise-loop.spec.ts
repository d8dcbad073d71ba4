import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { REPO_ROOT } from "../../../scripts/nats/launcher.ts";
import { button, env, openApp, pasteCode } from "./app.ts";

// The exercise loop as a learner meets it on a laptop screen: Check, see the outcome without
// scrolling, take a hint when a check fails, go on to the next exercise when all pass.

const FIRST = "01-hello-pubsub";
const read = (file: string) => readFileSync(path.join(REPO_ROOT, "exercises", FIRST, file), "utf8");
/** hints.md holds hints separated by lines of `---`. */
const hintCount = read("hints.md")
  .split(/^---$/m)
  .filter((h) => h.trim()).length;
const consoleOut = (page: Page) => page.getByTestId("console");

/** Whether the element's top is inside the viewport. */
const inView = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight && r.bottom > 0;
  });

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
]) {
  test(`at ${viewport.width}×${viewport.height}: the checks' outcome in view, a hint from a failing check, then the next exercise`, async ({
    page,
  }) => {
    test.slow(); // two check runs against the server
    await page.setViewportSize(viewport);
    await openApp(page, env("E2E_NATS_WS"), `#/exercises/${FIRST}`);
    await expect(page.getByTestId("code-editor").locator(".monaco-editor .view-lines")).toBeVisible({ timeout: 30_000 });

    await button(page, "Check").click();
    await expect(page.getByTestId("check-summary")).toHaveText(/^\d+ of \d+ checks pass\.$/, { timeout: 60_000 });
    await expect.poll(() => inView(page, "check-summary")).toBe(true);
    // Pressed from the toolbar: the focus is on the outcome's heading, for a screen reader to read on.
    await expect(page.getByRole("heading", { level: 2, name: "Checks" })).toBeFocused();

    // The first failing check points to the next hint not shown yet.
    await expect(page.getByTestId("hint")).toHaveCount(0);
    await page.getByTestId("hint-from-check").click();
    await expect(page.getByTestId("hint")).toHaveCount(1);
    await expect(page.getByTestId("hint").first()).toBeFocused();
    await expect(page.getByTestId("hint").first()).toBeInViewport();
    if (hintCount > 1) await expect(page.getByTestId("hint-from-check")).toHaveText(`Stuck? Show hint 2 of ${hintCount}`);

    await pasteCode(page, FIRST, read("solution.ts"));
    await button(page, "Check").click();
    await expect(page.getByTestId("check-summary")).toContainText(/All \d+ checks pass: exercise complete\./, { timeout: 60_000 });
    await expect.poll(() => inView(page, "check-summary")).toBe(true);
    await expect(page.getByTestId("hint-from-check")).toHaveCount(0);
    const next = page.getByTestId("next-exercise");
    await expect(next).toHaveText(/^Next exercise: 2 · .+ →$/);
    await next.click();
    await expect(page).toHaveURL(/#\/exercises\/02-/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("wildcards");
  });
}

test("a Run before the editor's TypeScript is ready runs at once and says the types were not checked", async ({ page }) => {
  // Monaco's TypeScript worker is held back (its script answers late): the first Run must not wait for it.
  await page.route(/\/assets\/ts\.worker[^/]*\.js$/, async (route) => {
    await new Promise((r) => setTimeout(r, 20_000));
    await route.continue().catch(() => undefined);
  });
  await openApp(page, env("E2E_NATS_WS"), `#/exercises/${FIRST}`);
  await expect(page.getByTestId("code-editor").locator(".monaco-editor .view-lines")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("editor-typescript")).toHaveAttribute("data-state", "starting");
  await button(page, "Run").click();
  await expect(consoleOut(page)).toContainText("Types not checked this time: TypeScript is still starting", { timeout: 15_000 });
  await expect(consoleOut(page)).toContainText("Finished", { timeout: 15_000 });
  // A syntax error is still caught, at its line, and nothing runs.
  await pasteCode(page, FIRST, "export default async function main(ctx: ExerciseContext) {\n  const x = ;\n}\n");
  await button(page, "Run").click();
  await expect(consoleOut(page)).toContainText("Syntax error on line 2: Unexpected token", { timeout: 15_000 });
  await expect(consoleOut(page)).toContainText("nothing was run");
});
