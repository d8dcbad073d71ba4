import { expect, type Page } from "@playwright/test";

/** Where global-setup put things; fails loudly when a test runs without it. */
export function env(name: "E2E_BASE_URL" | "E2E_NATS_WS" | "E2E_NATS_MONITOR" | "E2E_NATS_VERSION"): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through playwright.config.ts`);
  return value;
}

/** Opens the app pointed at a server through the ?server= parameter, as a shared workshop link would. */
export async function openApp(page: Page, server = env("E2E_NATS_WS"), hash = "#/connection"): Promise<void> {
  await page.goto(`${env("E2E_BASE_URL")}/?server=${encodeURIComponent(server)}${hash}`);
}

export const state = (page: Page) => page.getByTestId("connection-state");

export async function expectConnected(page: Page): Promise<void> {
  await expect(state(page)).toHaveText("Connected");
}

/** Replaces the text of a labelled field. */
export async function fill(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(value);
}

/** A number the page shows ("1,234" → 1234); NaN for "—". */
export async function shown(page: Page, testId: string): Promise<number> {
  const digits = ((await page.getByTestId(testId).textContent()) ?? "").replace(/[^\d-]/g, "");
  return digits === "" ? NaN : Number(digits);
}

/**
 * Waits for the page's first connection; on a machine shared with other test runs even the retried
 * first attempt can time out, and then a participant presses Connect again, as the page suggests.
 */
export async function whenConnected(page: Page): Promise<void> {
  const pill = page.getByTestId("status-pill");
  await expect(pill).toHaveText(/^(Connected|Connection failed)$/, { timeout: 30_000 });
  if ((await pill.textContent()) === "Connected") return;
  const back = new URL(page.url()).hash;
  await pill.click();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(pill).toHaveText("Connected", { timeout: 30_000 });
  await page.evaluate((hash) => (location.hash = hash), back);
}

/** Where the app keeps its state in localStorage. */
export const STORAGE_KEY = "nats-playground:v1";

/** What the app saved as the code of exercise `slug` (undefined: the starter). */
export async function savedCode(page: Page, slug: string): Promise<string | undefined> {
  return page.evaluate(
    ([key, s]) =>
      (JSON.parse(localStorage.getItem(key as string) ?? "{}")?.state?.exerciseProgress?.[s as string]?.code as string) ?? undefined,
    [STORAGE_KEY, slug],
  );
}

/**
 * Replaces the editor's text the way a participant pasting code would: select all, then a paste event
 * (typed text would be re-indented line by line by the editor); waits until the app saved it.
 */
export async function pasteCode(page: Page, slug: string, code: string): Promise<void> {
  await page.getByTestId("code-editor").locator(".view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    document.activeElement?.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, code);
  await expect.poll(() => savedCode(page, slug), { timeout: 30_000 }).toBe(code);
}

/** A button by its exact name. */
export const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true });

/** The lab's producer fields; no `events` runs until stopped. */
export async function setProducer(page: Page, p: { rate: number; retries: number; events?: number }): Promise<void> {
  await fill(page, "Rate (events/s)", String(p.rate));
  await fill(page, "Retries (%)", String(p.retries));
  await fill(page, "Number of events", p.events === undefined ? "" : String(p.events));
}

/** Presses Start in the lab and waits until the lanes run, with no error. */
export async function startLab(page: Page): Promise<void> {
  await button(page, "Start").click();
  await expect(button(page, "Stop")).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByTestId("lab-error")).toHaveCount(0);
}

/** Waits until the producer has sent its whole batch of `events`. */
export async function batchSent(page: Page, events: number, timeout = 30_000): Promise<void> {
  const done = async () => (await page.getByTestId("producer-done").textContent()) === "Batch sent.";
  await expect.poll(async () => (await done()) && (await shown(page, "producer-sent")) === events, { timeout }).toBe(true);
}
