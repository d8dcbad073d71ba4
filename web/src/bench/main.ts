// The benchmark's baseline page: `window.runBaseline(op, opts)` runs one bare client loop in a fresh
// worker (as the lab runs its engine in one) and resolves with its result. Playwright calls it.
import type { BaselineOp, BaselineOptions, BaselineResult } from "../nats/baselines.ts";
import type { BaselineReply, BaselineRequest } from "./protocol.ts";

declare global {
  interface Window {
    runBaseline(op: BaselineOp, opts: BaselineOptions): Promise<BaselineResult>;
  }
}

window.runBaseline = (op, opts) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "bench-baseline" });
    worker.onmessage = (e: MessageEvent<BaselineReply>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.result);
      else reject(new Error(e.data.message));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || "the baseline worker failed to start"));
    };
    worker.postMessage({ op, opts } satisfies BaselineRequest);
  });
document.getElementById("status")!.textContent = "loaded";
