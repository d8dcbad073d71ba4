import type { Command, EngineEvent } from "../../lab/contract/protocol.ts";

/** The page's side of the lab engine: one worker, created on first use, commands out, events in. */
export interface LabClient {
  send(cmd: Command): void;
  /** Ends the worker and every connection it holds. */
  terminate(): void;
}

export function createLabClient(onEvent: (e: EngineEvent) => void, makeWorker: () => Worker = defaultWorker): LabClient {
  let worker: Worker | null = null;
  const ensure = () => {
    if (!worker) {
      worker = makeWorker();
      worker.onmessage = (e: MessageEvent<EngineEvent>) => onEvent(e.data);
      worker.onerror = (e) => onEvent({ type: "error", message: e.message || "The lab engine stopped with an error." });
    }
    return worker;
  };
  return {
    send: (cmd) => ensure().postMessage(cmd),
    terminate: () => {
      worker?.terminate();
      worker = null;
    },
  };
}

function defaultWorker(): Worker {
  return new Worker(new URL("../../lab/engine/worker.ts", import.meta.url), { type: "module", name: "lab-engine" });
}
