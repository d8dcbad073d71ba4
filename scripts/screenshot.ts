// `npm run screenshot`: refreshes the README's pictures of the playground (and of presenter mode) from the production build,
// with a real nats-server, in the same Chromium the end-to-end tests use.
import path from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, ensureChromium } from "./chromium.ts";
import { say } from "./lib/log.ts";
import { REPO_ROOT, startNats } from "./nats/launcher.ts";
import { startWebServer } from "./web/serve.ts";

const OUT = path.join(REPO_ROOT, "docs", "screenshot.png");
const PRESENTER = path.join(REPO_ROOT, "docs", "presenter.png");

const nats = await startNats();
const web = await startWebServer({ dist: path.join(REPO_ROOT, "dist"), host: "localhost", port: 0 });
const browser = await chromium.launch({ executablePath: await ensureChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
  await page.goto(`${web.localUrl}/?server=${encodeURIComponent(nats.wsUrl)}#/connection`);
  await page.getByTestId("rtt").filter({ hasText: "ms" }).waitFor();
  await page.screenshot({ path: OUT });
  say(`wrote ${path.relative(REPO_ROOT, OUT)}`);
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
