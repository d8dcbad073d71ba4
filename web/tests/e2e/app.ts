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
