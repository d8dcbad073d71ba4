import { expect, test, type Page } from "@playwright/test";
import { button, env, openApp, pasteCode, savedCode, STORAGE_KEY } from "./app.ts";

// Saving never fails silently (issue 14 item 6), in real Chromium: its localStorage quota is measured
// here by filling it until it throws, then the page is made to save past it.

const EDITED = "03-queue-groups";
const BIG = "01-hello-pubsub";
const SMALL = "02-subjects-and-requests";
const BIGGER = "04-stream-with-acks";
const FILLER = "storage-spec-filler";

const editor = (page: Page) => page.getByTestId("code-editor");
const banner = (page: Page) => page.getByTestId("save-problem");

async function openExercise(page: Page, slug: string): Promise<void> {
  await openApp(page, env("E2E_NATS_WS"), `#/exercises/${slug}`);
  await expect(editor(page).locator(".monaco-editor .view-lines")).toBeVisible({ timeout: 30_000 });
  await expect(button(page, "Run")).toBeEnabled({ timeout: 30_000 });
}

/** Saved progress the page finds when it first opens (once per test: a reload keeps what the page saved). */
async function seed(page: Page, exerciseProgress: Record<string, unknown>): Promise<void> {
  await page.addInitScript(
    ([key, state]) => {
      if (sessionStorage.getItem("storage-spec-seeded")) return;
      sessionStorage.setItem("storage-spec-seeded", "1");
      localStorage.setItem(key as string, state as string);
    },
    [STORAGE_KEY, JSON.stringify({ state: { exerciseProgress }, version: 0 })],
  );
}

/** `lines` lines of 100 characters, the first naming the test: code of a known size. */
const sizedCode = (mark: string, lines: number) => `// ${mark}\n${`// ${"x".repeat(96)}\n`.repeat(lines)}`;

/** Pastes into the editor as pasteCode does, without waiting for a save (that is what may fail). */
async function paste(page: Page, code: { text: string } | { mark: string; lines: number }): Promise<void> {
  await editor(page).locator(".view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.evaluate((c) => {
    const text = "text" in c ? c.text : `// ${c.mark}\n${`// ${"x".repeat(96)}\n`.repeat(c.lines)}`;
    const data = new DataTransfer();
    data.setData("text/plain", text);
    document.activeElement?.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, code);
}

/**
 * Fills localStorage with one filler entry as long as still fits (binary search on its length) and
 * returns the quota it found: every key and value in the site's storage, counted in characters.
 */
async function fillStorage(page: Page): Promise<{ quota: number; filler: number; page: number }> {
  return page.evaluate((key) => {
    const fits = (n: number) => {
      try {
        localStorage.setItem(key, "f".repeat(n));
        return true;
      } catch (e) {
        if ((e as DOMException).name !== "QuotaExceededError") throw e;
        return false;
      }
    };
    let lo = 0;
    let hi = 20_000_000;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(mid)) lo = mid;
      else hi = mid - 1;
    }
    if (!fits(lo)) throw new Error("the filler no longer fits");
    let quota = 0;
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i) as string;
      quota += k.length + (localStorage.getItem(k) as string).length;
    }
    return { quota, filler: lo, page: quota - lo - key.length };
  }, FILLER);
}

/** Whether leaving the page now would ask first (the page's beforeunload handler cancels the event). */
const asksBeforeLeaving = (page: Page) =>
  page.evaluate(() => {
    const e = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(e);
    return e.defaultPrevented;
  });

test("storage full: the banner names the unsaved exercise; freeing space with consent saves it, and it survives a reload", async ({
  page,
}) => {
  test.slow(); // fills 5 MB of localStorage more than twenty times
  await seed(page, {
    [BIG]: { code: sizedCode("01 saved", 1_000), completed: true, completedAt: 1 },
    [SMALL]: { code: "// 02 saved", completed: false },
    [BIGGER]: { code: sizedCode("04 saved", 800), completed: false },
  });
  await openExercise(page, EDITED);
  // The page has saved its own state over the seed (its participant id): nothing of its own is left to save.
  await expect
    .poll(() => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "{}").state?.pid, STORAGE_KEY))
    .toMatch(/^[a-z0-9]{6}$/);
  expect(await savedCode(page, BIG)).toBe(sizedCode("01 saved", 1_000));

  const found = await fillStorage(page);
  console.log(`Chromium's localStorage quota: ${found.quota} characters (filler ${found.filler}, the page's state ${found.page})`);
  expect(found.quota).toBeGreaterThan(4_000_000);

  // 150,000 characters more than the storage has room for.
  const mine = sizedCode("my work on 03", 1_500);
  await paste(page, { text: mine });
  await expect(banner(page)).toBeVisible({ timeout: 30_000 });
  await expect(banner(page)).toHaveAttribute("role", "alert");
  await expect(banner(page)).toContainText(
    /Your browser's storage for this page is full: your changes to exercise 03 since .+ are not saved\./,
  );
  await expect(page.getByTestId("save-problem-sizes")).toContainText("the largest saved code: exercise 03 0.2 MB, exercise 01 0.1 MB");
  await expect(page.getByTestId("save-problem-sizes")).toContainText(/Other data of this site in the same storage: \d\.\d MB\./);
  expect(await savedCode(page, EDITED)).toBeUndefined();
  expect(await asksBeforeLeaving(page)).toBe(true);

  // 01 and 04 are just enough (100 k + 80 k for 150 k); 02 is not needed and stays.
  const free = button(page, "Free space: drop the saved code of exercises 01, 04 (their completion ticks stay)");
  await expect(free).toBeVisible();
  await expect(button(page, "Download my progress")).toBeVisible();
  await free.click();
  await expect(banner(page)).toHaveCount(0);
  expect(await savedCode(page, EDITED)).toBe(mine);
  expect(await savedCode(page, BIG)).toBeUndefined();
  expect(await savedCode(page, BIGGER)).toBeUndefined();
  expect(await savedCode(page, SMALL)).toBe("// 02 saved");
  expect(await page.evaluate((key) => JSON.parse(localStorage.getItem(key) as string).state.exerciseProgress, STORAGE_KEY)).toMatchObject({
    [BIG]: { completed: true, completedAt: 1 },
  });
  expect(await asksBeforeLeaving(page)).toBe(false);

  await page.reload();
  await expect(editor(page).locator(".view-lines")).toBeVisible({ timeout: 30_000 });
  await expect(editor(page).locator(".view-lines")).toContainText("my work on 03");
  expect(await savedCode(page, EDITED)).toBe(mine);
  expect(await page.evaluate((key) => localStorage.getItem(key)?.length, FILLER)).toBe(found.filler);
  await expect(banner(page)).toHaveCount(0);
});

test("a 5 MB paste is refused at the editor, the code saved before stays, and leaving asks first", async ({ page }) => {
  test.slow(); // the editor takes 5 MB of text
  await openExercise(page, BIG);
  const before = "// saved before the paste\nexport default async function main() {}\n";
  await pasteCode(page, BIG, before);

  await paste(page, { mark: "huge", lines: 52_429 }); // 5,242,900 characters
  const refused = page.getByTestId("code-refused");
  await expect(refused).toBeVisible({ timeout: 30_000 });
  await expect(refused).toHaveAttribute("role", "alert");
  await expect(refused).toContainText(
    "This code is 5.2 MB (5,242,908 characters); an exercise keeps at most 200,000 characters: it is not saved.",
  );
  expect(await savedCode(page, BIG)).toBe(before);
  expect(await asksBeforeLeaving(page)).toBe(true);
  await expect(banner(page)).toHaveCount(0);

  // The reload asks (the refused code is not saved); the participant leaves anyway.
  const asked = new Promise<string>((resolve) =>
    page.once("dialog", (d) => {
      resolve(d.type());
      void d.accept();
    }),
  );
  await page.reload();
  expect(await asked).toBe("beforeunload");
  await expect(editor(page).locator(".view-lines")).toBeVisible({ timeout: 30_000 });
  await expect(editor(page).locator(".view-lines")).toContainText("saved before the paste");
  expect(await savedCode(page, BIG)).toBe(before);
  await expect(page.getByTestId("code-refused")).toHaveCount(0);
});

test("an import that would not fit is refused at the import control, and the progress is left as it was", async ({ page }) => {
  test.slow(); // a 5 MB file, parsed and tried
  await seed(page, { [BIG]: { code: "// mine", completed: true, completedAt: 2 } });
  await openApp(page, env("E2E_NATS_WS"), "#/exercises");
  const input = page.getByLabel("Import progress");
  await expect(input).toBeAttached({ timeout: 30_000 });
  await expect(page.getByTestId(`exercise-${BIG}`).getByLabel("complete")).toBeVisible();

  // Measured, then emptied again: the file is made bigger than the whole quota.
  const { quota } = await fillStorage(page);
  await page.evaluate((key) => localStorage.removeItem(key), FILLER);
  const code = sizedCode("imported", 1_500);
  const exercises: Record<string, unknown> = {};
  for (let i = 0; i * code.length < quota + 300_000; i++) exercises[`${11 + i}-imported`] = { code, completed: true, completedAt: 9 };
  const file = JSON.stringify({ kind: "nats-playground-progress", version: 1, exportedAt: new Date().toISOString(), exercises });
  const stored = () => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
  const before = await stored();
  expect(before).toContain("// mine");

  await input.setInputFiles({ name: "progress.json", mimeType: "application/json", buffer: Buffer.from(file) });
  const message = page.getByTestId("import-message");
  await expect(message).toContainText(
    /^Nothing was imported: it would not fit in your browser's storage for this page \(the saved progress would take \d\.\d MB\)\. Your progress is as it was\.$/,
    { timeout: 30_000 },
  );
  await expect(message).toHaveAttribute("role", "alert");
  expect(await stored()).toBe(before);
  await expect(banner(page)).toHaveCount(0);
  await expect(page.getByTestId(`exercise-${BIG}`).getByLabel("complete")).toBeVisible();

  // The page saves as before: a file that fits is imported.
  const small = {
    kind: "nats-playground-progress",
    version: 1,
    exportedAt: "",
    exercises: { [SMALL]: { code: "// two", completed: false } },
  };
  await input.setInputFiles({ name: "small.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(small)) });
  await expect(message).toHaveText("Imported progress for 1 exercise(s).");
  expect(await savedCode(page, SMALL)).toBe("// two");
  expect(await savedCode(page, BIG)).toBe("// mine");
});
