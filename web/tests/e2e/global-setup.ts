import { existsSync } from "node:fs";
import path from "node:path";
import { preview } from "vite";
import { ensureChromium } from "../../../scripts/chromium.ts";
import { freePort } from "../../../scripts/lib/ports.ts";
import { REPO_ROOT, startNats } from "../../../scripts/nats/launcher.ts";

/**
 * Provisions Chromium when missing, starts the shared nats-server (JetStream, free ports) and serves
 * the production build from localhost on a free port. Tests read the addresses from E2E_* variables.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  await ensureChromium();
  // E2E_DIST lets parallel runs each serve their own build (vite build --outDir …).
  const dist = process.env.E2E_DIST ?? path.join(REPO_ROOT, "dist");
  if (!existsSync(path.join(dist, "index.html"))) {
    throw new Error(`No production build in ${dist}: run \`npm run build\` first (npm test does).`);
  }
  const nats = await startNats();
  const web = await preview({
    configFile: path.join(REPO_ROOT, "vite.config.ts"),
    build: { outDir: dist },
    preview: { host: "localhost", port: await freePort(), strictPort: true },
    logLevel: "warn",
  });
  const base = web.resolvedUrls?.local[0];
  if (!base) throw new Error("vite preview did not report its URL");
  process.env.E2E_BASE_URL = base.replace(/\/$/, "");
  process.env.E2E_NATS_WS = nats.wsUrl;
  process.env.E2E_NATS_MONITOR = nats.monitorUrl;
  process.env.E2E_NATS_VERSION = nats.version;
  return async () => {
    await web.close();
    await nats.stop();
  };
}
