import { existsSync } from "node:fs";
import path from "node:path";
import { ensureChromium } from "../../../scripts/chromium.ts";
import { REPO_ROOT, startNats } from "../../../scripts/nats/launcher.ts";
import { startWebServer } from "../../../scripts/web/serve.ts";

/**
 * Provisions Chromium when missing, starts the shared nats-server (JetStream, free ports) and serves
 * the production build from localhost on a free port (the launcher's web server). Tests read the addresses from E2E_* variables.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  await ensureChromium();
  // E2E_DIST lets parallel runs each serve their own build (vite build --outDir …).
  const dist = process.env.E2E_DIST ?? path.join(REPO_ROOT, "dist");
  if (!existsSync(path.join(dist, "index.html"))) {
    throw new Error(`No production build in ${dist}: run \`npm run build\` first (npm test does).`);
  }
  const nats = await startNats();
  // The launcher's own web server, as `npm start` serves the app.
  const web = await startWebServer({ dist, host: "localhost", port: 0 });
  process.env.E2E_BASE_URL = web.localUrl;
  process.env.E2E_NATS_WS = nats.wsUrl;
  process.env.E2E_NATS_MONITOR = nats.monitorUrl;
  process.env.E2E_NATS_VERSION = nats.version;
  return async () => {
    await web.close();
    await nats.stop();
  };
}
