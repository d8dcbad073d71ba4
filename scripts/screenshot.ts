// `npm run screenshot`: refreshes the README's picture of the playground from the production build,
// with a real nats-server, in the same Chromium the end-to-end tests use.
import path from "node:path";
import { chromium } from "@playwright/test";
import { preview } from "vite";
import { CHROMIUM_ARGS, ensureChromium } from "./chromium.ts";
import { freePort } from "./lib/ports.ts";
import { say } from "./lib/log.ts";
import { REPO_ROOT, startNats } from "./nats/launcher.ts";

const OUT = path.join(REPO_ROOT, "docs", "screenshot.png");

const nats = await startNats();
const web = await preview({
  configFile: path.join(REPO_ROOT, "vite.config.ts"),
  preview: { host: "localhost", port: await freePort(), strictPort: true },
  logLevel: "warn",
});
const browser = await chromium.launch({ executablePath: await ensureChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
  const base = web.resolvedUrls?.local[0] ?? "";
  await page.goto(`${base}?server=${encodeURIComponent(nats.wsUrl)}#/connection`);
  await page.getByTestId("rtt").filter({ hasText: "ms" }).waitFor();
  await page.screenshot({ path: OUT });
  say(`wrote ${path.relative(REPO_ROOT, OUT)}`);
} finally {
  await browser.close();
  await web.close();
  await nats.stop();
}
