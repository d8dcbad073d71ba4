import { expect, test, type Browser, type Page } from "@playwright/test";
import LZString from "lz-string";
import { button, openApp, pasteCode, savedCode } from "./app.ts";

// Share by link (issue 14, item 7): learner A copies a link to their code (or lab settings); learner B,
// in a browser of their own, opens it and is asked before anything of theirs is replaced.

const SLUG = "02-subjects-and-requests";
const SLOW = { timeout: 30_000 };

const CODE_A = [
  "// Learner A's version",
  "export default async function main(ctx) {",
  '  ctx.log("shared by A");',
  "  const a = 1;",
  "  const b = 2;",
  "  ctx.log(a + b);",
  "}",
  "",
].join("\n");
const CODE_B = ["// Learner B's own work", "export default async function main(ctx) {", '  ctx.log("B was here");', "}", ""].join("\n");

/** A browser of one's own: its own localStorage, and a clipboard the page may use. */
async function learner(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  return context.newPage();
}

async function openExercise(page: Page): Promise<void> {
  await openApp(page, undefined, `#/exercises/${SLUG}`);
  await expect(page.getByTestId("code-editor").locator(".monaco-editor .view-lines")).toBeVisible(SLOW);
}

/** The visible text of the editor (Monaco draws spaces as no-break spaces). */
const editorText = async (page: Page) =>
  ((await page.getByTestId("code-editor").locator(".view-lines").innerText()) ?? "").replace(/\u00a0/g, " ");

/** Presses Share link and reads the link back from the clipboard. */
async function shareLink(page: Page, testId: string): Promise<string> {
  await page.getByTestId(testId).getByRole("button", { name: "Share link" }).click();
  await expect(page.getByTestId(`${testId}-said`)).toHaveText(/^Link copied \(\d+\.\d KB\)\.$/);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).not.toContain("server=");
  return link;
}

const question = (page: Page) => page.getByRole("alertdialog");

test("code: B is asked before A's code replaces theirs; Keep mine keeps it, Replace brings A's code", async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await learner(browser);
  await openExercise(a);
  await pasteCode(a, SLUG, CODE_A);
  const link = await shareLink(a, "share-code");
  expect(link).toMatch(new RegExp(`#/exercises/${SLUG}\\?code=[A-Za-z0-9+$-]+$`));

  const b = await learner(browser);
  await openExercise(b);
  await pasteCode(b, SLUG, CODE_B);

  await b.goto(link);
  await expect(question(b)).toBeVisible(SLOW);
  await expect(question(b).getByRole("heading", { name: "Code shared by link" })).toBeVisible();
  // "02 · <the exercise's title>", then what the code is.
  await expect(b.getByTestId("share-what")).toHaveText(
    /^This link carries code for exercise 02 · [^,]+, 7 lines\. Replace your code in this exercise with it\?$/,
  );
  await expect(b.getByTestId("share-mine")).toHaveText("Your current code (4 lines) will be replaced.");
  // B's tab was on the exercise already, perhaps scrolled down: the question comes into view.
  await expect(question(b)).toBeInViewport();
  await expect(button(b, "Keep mine")).toBeFocused();
  await button(b, "Keep mine").click();
  await expect(question(b)).toHaveCount(0);
  expect(b.url()).not.toContain("code=");
  expect(new URL(b.url()).hash).toBe(`#/exercises/${SLUG}`);
  expect(await savedCode(b, SLUG)).toBe(CODE_B);
  await expect.poll(() => editorText(b), SLOW).toContain("B was here");

  // Opened again (the address changes only after the #: no reload), this time B replaces.
  await b.goto(link);
  await expect(question(b)).toBeVisible();
  await button(b, "Replace").click();
  await expect(question(b)).toHaveCount(0);
  await expect.poll(() => savedCode(b, SLUG)).toBe(CODE_A);
  await expect.poll(() => editorText(b), SLOW).toContain("shared by A");
  expect(await editorText(b)).not.toContain("B was here");
  expect(new URL(b.url()).hash).toBe(`#/exercises/${SLUG}`);
  // A reload does not ask again.
  await b.reload();
  await expect(b.getByTestId("code-editor").locator(".view-lines")).toBeVisible(SLOW);
  await expect(question(b)).toHaveCount(0);
  await Promise.all([a.context().close(), b.context().close()]);
});

test("code: a corrupted link says so and changes nothing; a refused clipboard shows the link to copy", async ({ browser }) => {
  test.setTimeout(90_000);
  const a = await learner(browser);
  await openExercise(a);
  await pasteCode(a, SLUG, CODE_A);
  const link = await shareLink(a, "share-code");

  const b = await learner(browser);
  await openExercise(b);
  await pasteCode(b, SLUG, CODE_B);
  // Cut off in the middle, as a chat tool might.
  await b.goto(link.slice(0, link.length - 30));
  await expect(question(b).getByRole("heading", { name: "This link could not be opened" })).toBeVisible(SLOW);
  await expect(b.getByTestId("share-refused")).toContainText("damaged or incomplete");
  await expect(b.getByTestId("share-refused")).toContainText("Nothing was changed.");
  await expect(button(b, "OK")).toBeFocused();
  await button(b, "OK").click();
  await expect(question(b)).toHaveCount(0);
  expect(new URL(b.url()).hash).toBe(`#/exercises/${SLUG}`);
  expect(await savedCode(b, SLUG)).toBe(CODE_B);
  expect(await editorText(b)).toContain("B was here");

  // A browser that refuses the clipboard: the link is shown, selected, to copy by hand.
  await b.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("denied", "NotAllowedError"));
  });
  await b.getByTestId("share-code").getByRole("button", { name: "Share link" }).click();
  const field = b.getByTestId("share-code-url");
  await expect(field).toBeVisible();
  await expect(field).toHaveValue(/#\/exercises\/02-subjects-and-requests\?code=/);
  await expect(b.getByTestId("share-code-said")).toContainText("did not let the page copy the link");
  expect(await field.evaluate((el: HTMLInputElement) => [el.readOnly, el.selectionStart, el.selectionEnd === el.value.length])).toEqual([
    true,
    0,
    true,
  ]);
  await Promise.all([a.context().close(), b.context().close()]);
});

test("lab: a shared scenario says what it sets, and Apply puts its rate and lane setting in B's fields", async ({ browser }) => {
  test.setTimeout(90_000);
  const a = await learner(browser);
  await openApp(a, undefined, "#/lab");
  await a.getByLabel("Rate (events/s)", { exact: true }).fill("200");
  const durable = a.getByTestId("lane-durable");
  await durable.locator("summary", { hasText: "Settings" }).click();
  await durable.getByLabel("Ack wait (s)").fill("2");
  await expect(durable.locator("summary")).toContainText("ack wait 2 s");
  const link = await shareLink(a, "share-scenario");
  expect(link).toMatch(/#\/lab\?scenario=[A-Za-z0-9+$-]+$/);

  const b = await learner(browser);
  await openApp(b, undefined, "#/lab");
  await expect(b.getByLabel("Rate (events/s)", { exact: true })).toHaveValue("50");
  await b.goto(link);
  await expect(question(b).getByRole("heading", { name: "A lab scenario shared by link" })).toBeVisible(SLOW);
  await expect(b.getByTestId("share-what")).toContainText("This link carries a lab scenario: custom settings, rate 200/s");
  await expect(b.getByTestId("share-what")).toContainText("Durable consumer: ack wait 2 s");
  await expect(button(b, "Keep mine")).toBeFocused();
  await button(b, "Apply").click();
  await expect(question(b)).toHaveCount(0);
  expect(new URL(b.url()).hash).toBe("#/lab");
  await expect(b.getByLabel("Rate (events/s)", { exact: true })).toHaveValue("200");
  const bDurable = b.getByTestId("lane-durable");
  await bDurable.locator("summary", { hasText: "Settings" }).click();
  await expect(bDurable.getByLabel("Ack wait (s)")).toHaveValue("2");

  // A scenario whose settings are hostile is refused, and the fields stay as they are.
  const hostile = LZString.compressToEncodedURIComponent(
    JSON.stringify({ v: 1, kind: "scenario", config: { producer: { ratePerSecond: 1e9 } } }),
  );
  await b.evaluate((payload) => (location.hash = `#/lab?scenario=${payload}`), hostile);
  await expect(question(b).getByRole("heading", { name: "This link could not be opened" })).toBeVisible();
  await expect(b.getByTestId("share-refused")).toContainText("The rate must be a number from 1 to 50,000");
  await button(b, "OK").click();
  await expect(b.getByLabel("Rate (events/s)", { exact: true })).toHaveValue("200");
  await Promise.all([a.context().close(), b.context().close()]);
});
