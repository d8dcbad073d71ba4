/// <reference lib="webworker" />
// Runs one baseline loop per request, off the main thread like the lab's engine.
import { runBaseline } from "../nats/baselines.ts";
import type { BaselineReply, BaselineRequest } from "./protocol.ts";

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (e: MessageEvent<BaselineRequest>) => {
  runBaseline(e.data.op, e.data.opts).then(
    (result) => self.postMessage({ ok: true, result } satisfies BaselineReply),
    (err: unknown) => self.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) } satisfies BaselineReply),
  );
};
