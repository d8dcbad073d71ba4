// `npm run screenshot`: refreshes the README's picture of the playground from the production build,
// with a real nats-server, in the same Chromium the end-to-end tests use.
import path from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, ensureChromium } from "./chromium.ts";
import { say } from "./lib/log.ts";
import { REPO_ROOT, startNats } from "./nats/launcher.ts";
import { startWebServer } from "./web/serve.ts";

const OUT = path.join(REPO_ROOT, "docs", "screenshot.png");

const nats = await startNats();
const web = await startWebServer({ dist: path.join(REPO_ROOT, "dist"), host: "localhost", port: 0 });
const browser = await chromium.launch({ executablePath: await ensureChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
  await page.goto(`${web.localUrl}/?server=${encodeURIComponent(nats.wsUrl)}#/connection`);
  await page.getByTestId("rtt").filter({ hasText: "ms" }).waitFor();
  await page.screenshot({ path: OUT });
  say(`wrote ${path.relative(REPO_ROOT, OUT)}`);
} finally {
  await browser.close();
  await web.close();
  await nats.stop();
}
