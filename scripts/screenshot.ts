// `npm run screenshot`: refreshes the README's pictures of the playground (the start page, the exercise loop,
// presenter mode) from the production build, with a real nats-server, in the same Chromium the end-to-end tests use.
import path from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, ensureChromium } from "./chromium.ts";
import { say } from "./lib/log.ts";
import { REPO_ROOT, startNats } from "./nats/launcher.ts";
import { startWebServer } from "./web/serve.ts";

const OUT = path.join(REPO_ROOT, "docs", "start.png");
const EXERCISE = path.join(REPO_ROOT, "docs", "exercises.png");
const PRESENTER = path.join(REPO_ROOT, "docs", "presenter.png");

const nats = await startNats();
const web = await startWebServer({ dist: path.join(REPO_ROOT, "dist"), host: "localhost", port: 0 });
const browser = await chromium.launch({ executablePath: await ensureChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
  await page.goto(`${web.localUrl}/?server=${encodeURIComponent(nats.wsUrl)}`);
  await page.getByTestId("start-status").filter({ hasText: "JetStream on" }).waitFor();
  await page.screenshot({ path: OUT });
  say(`wrote ${path.relative(REPO_ROOT, OUT)}`);
  // The exercise loop at 1440×900: the starter checked, one check failing, its hint shown.
  const learner = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await learner.goto(`${web.localUrl}/?server=${encodeURIComponent(nats.wsUrl)}#/exercises/01-hello-pubsub`);
  await learner.locator('[data-testid="editor-typescript"][data-state="ready"]').waitFor({ state: "attached", timeout: 120_000 });
  await learner.getByRole("button", { name: "Check", exact: true }).click();
  await learner.getByTestId("hint-from-check").click();
  await learner.waitForTimeout(1_000);
  await learner.getByTestId("check-summary").scrollIntoViewIfNeeded();
  await learner.mouse.move(0, 0);
  await learner.screenshot({ path: EXERCISE });
  say(`wrote ${path.relative(REPO_ROOT, EXERCISE)}`);
  // Presenter mode on a 1280×720 projector, a story running.
  const projector = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
  await projector.goto(`${web.localUrl}/?server=${encodeURIComponent(nats.wsUrl)}#/lab`);
  await projector.getByTestId("status-pill").filter({ hasText: "Connected" }).waitFor();
  await projector.keyboard.press("p");
  await projector.getByRole("button", { name: "Consumer crash and recovery" }).click();
  await projector.waitForTimeout(12_000);
  await projector.screenshot({ path: PRESENTER });
  say(`wrote ${path.relative(REPO_ROOT, PRESENTER)}`);
} finally {
  await browser.close();
  await web.close();
  await nats.stop();
}
