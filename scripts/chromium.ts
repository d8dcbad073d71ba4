import { isExecutable as executable } from "./lib/fs.ts";
import { aptInstall, isDebianLike, isRoot } from "./lib/run.ts";
import { say } from "./lib/log.ts";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

export const CHROMIUM_HELP = [
  "No Chromium was found for the end-to-end tests (npx playwright install cannot download here). Either:",
  "  Debian/Ubuntu:  sudo apt-get install chromium",
  "  elsewhere:      install Chromium or Chrome and set CHROMIUM_PATH=/path/to/the/binary",
].join("\n");

/** Flags for a headless Chromium in a container with no network but loopback. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** CHROMIUM_PATH when set, else the first Chromium/Chrome in the usual places; undefined when none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  return CANDIDATES.find(executable);
}

/** The path Playwright launches: found, or where apt-get will put it. */
export function chromiumPath(): string {
  return findChromium() ?? "/usr/bin/chromium";
}

/** Makes sure Chromium exists, installing Debian's package as root on Debian/Ubuntu (saying so). */
export async function ensureChromium(): Promise<string> {
  const found = findChromium();
  if (found) {
    if (!executable(found)) throw new Error(`CHROMIUM_PATH=${found} is not an executable file.\n${CHROMIUM_HELP}`);
    return found;
  }
  if (isRoot() && isDebianLike()) {
    say("Chromium is not installed: installing Debian's chromium package with apt-get …");
    if ((await aptInstall("chromium")) && findChromium()) return chromiumPath();
  }
  throw new Error(CHROMIUM_HELP);
}
