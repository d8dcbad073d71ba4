import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Runs a command to completion and returns its exit code and output; never throws. */
export function capture(cmd: string, args: string[], timeoutMs = 10_000, env?: NodeJS.ProcessEnv): { code: number; out: string } {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: timeoutMs, env });
  if (r.error) return { code: -1, out: String(r.error.message) };
  return { code: r.status ?? -1, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

/** Runs a command with the terminal attached (the user sees apt-get's progress); resolves to its exit code. */
export function runVisible(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("error", () => resolve(-1));
    child.on("exit", (code) => resolve(code ?? -1));
  });
}

/** Debian or Ubuntu (or a derivative), where apt-get can install nats-server and chromium. */
export function isDebianLike(osRelease = "/etc/os-release"): boolean {
  try {
    const text = readFileSync(osRelease, "utf8");
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(text);
  } catch {
    return false;
  }
}

export function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** apt-get update + install, printed as it goes. Only called as root on Debian/Ubuntu. */
export async function aptInstall(pkg: string): Promise<boolean> {
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  if ((await runVisible("apt-get", ["update"], env)) !== 0) return false;
  return (await runVisible("apt-get", ["install", "-y", pkg], env)) === 0;
}
