// The Web Worker around one pool consumer worker (pool-worker.ts).
import { createPoolWorker, type PoolWorkerCommand } from "./pool-worker.ts";

const worker = createPoolWorker((e) => self.postMessage(e));
self.onmessage = (e: MessageEvent<PoolWorkerCommand>) => worker.handle(e.data);
