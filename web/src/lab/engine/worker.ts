/// <reference lib="webworker" />
// The lab engine's Web Worker: lanes, connections and metrics live here, off the main thread, so
// message handling never competes with rendering. The page sends Commands and gets snapshots ≤ 10 Hz.
import type { Command, EngineEvent } from "../contract/protocol.ts";
import { createLabEngine } from "./engine.ts";

declare const self: DedicatedWorkerGlobalScope;

const post = (event: EngineEvent) => self.postMessage(event);
const engine = createLabEngine({
  emit: (snapshot) => post({ type: "snapshot", snapshot }),
  published: (result) => post({ type: "published", result }),
});

self.onmessage = (e: MessageEvent<Command>) => {
  engine.handle(e.data).catch((err: unknown) => post({ type: "error", message: err instanceof Error ? err.message : String(err) }));
};
