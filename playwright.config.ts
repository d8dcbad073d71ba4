import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "./scripts/chromium.ts";

// End-to-end tests: Debian's Chromium (Playwright cannot download its own here), the production
// build served from localhost, and real nats-servers on free ports (see web/tests/e2e/global-setup.ts).
export default defineConfig({
  testDir: "web/tests/e2e",
  globalSetup: "./web/tests/e2e/global-setup.ts",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    ...devices["Desktop Chrome"],
    headless: true,
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
