import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { REPO_ROOT } from "../../../scripts/nats/launcher.ts";
import { button, env, openApp, pasteCode, savedCode } from "./app.ts";

// The solution view: side by side when there is room, inline when not, its heading saying which;
// leaving it raises no error; loading the solution keeps the learner's code to go back to.

const FIRST = "01-hello-pubsub";
const solution = readFileSync(path.join(REPO_ROOT, "exercises", FIRST, "solution.ts"), "utf8");
const diff = (page: Page) => page.getByTestId("solution-diff");

async function openExercise(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await openApp(page, env("E2E_NATS_WS"), `#/exercises/${FIRST}`);
  await expect(page.getByTestId("code-editor").locator(".monaco-editor .view-lines")).toBeVisible({ timeout: 30_000 });
  return errors;
}

test("side by side when wide, inline when narrow, with a heading that says which; hiding it raises no error", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  const errors = await openExercise(page);
  await button(page, "Show solution").click();
  await expect(diff(page).locator(".monaco-diff-editor")).toBeVisible({ timeout: 30_000 });
  await expect(diff(page)).toHaveAttribute("data-layout", "side-by-side");
  await expect(page.getByRole("heading", { level: 2, name: "Your code (left) beside the solution (right)" })).toBeVisible();
  await expect(diff(page).locator(".monaco-diff-editor.side-by-side")).toHaveCount(1);

  await page.setViewportSize({ width: 760, height: 900 });
  await expect(diff(page)).toHaveAttribute("data-layout", "inline");
  await expect(page.getByRole("heading", { level: 2, name: "Your code and the solution, inline" })).toBeVisible();
  await expect(diff(page).locator(".monaco-diff-editor.side-by-side")).toHaveCount(0);

  await button(page, "Hide solution").click();
  await expect(diff(page)).toHaveCount(0);
  await button(page, "Show solution").click();
  await expect(diff(page).locator(".monaco-diff-editor")).toBeVisible({ timeout: 30_000 });
  await page.getByRole("link", { name: "← All exercises" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Exercises" })).toBeVisible();
  await page.waitForTimeout(500);
  expect(errors.filter((e) => /disposed|DiffEditorWidget/.test(e))).toEqual([]);
});

test("loading the solution keeps the learner's code, across a reload, to go back to", async ({ page }) => {
  await openExercise(page);
  const mine = "// my own attempt\nexport default async function main(ctx: ExerciseContext) {\n  return [];\n}\n";
  await pasteCode(page, FIRST, mine);
  await button(page, "Show solution").click();
  await button(page, "Load the solution into the editor").click();
  await expect.poll(() => savedCode(page, FIRST)).toBe(solution);
  await expect(page.getByTestId("solution-loaded")).toContainText("The editor holds the solution you loaded");

  await page.reload();
  await expect(page.getByTestId("code-editor").locator(".monaco-editor .view-lines")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("solution-loaded")).toBeVisible();
  await button(page, "Back to my code").click();
  await expect.poll(() => savedCode(page, FIRST)).toBe(mine);
  await expect(page.getByTestId("solution-loaded")).toHaveCount(0);
  await expect(page.getByTestId("code-editor").locator(".view-lines")).toContainText("my own attempt");
});
