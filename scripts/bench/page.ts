// What the benchmark runs inside the app's pages (as init scripts and page functions) and reads
// through the Chrome DevTools Protocol: frame times, long tasks, "connected" time, heap and DOM size.
import type { CDPSession, Page } from "@playwright/test";

/**
 * Installed before the app's own scripts: a requestAnimationFrame loop recording frame durations,
 * a long-task observer, and the moment the status pill first says "Connected".
 */
export function installProbe(): void {
  type Probe = { start(): void; stop(): { frames: number[]; longTasks: number[] }; connectedAt: number | null };
  let frames: number[] = [];
  let longTasks: number[] = [];
  let recording = false;
  let last = 0;
  const probe: Probe = {
    start() {
      frames = [];
      longTasks = [];
      last = 0;
      recording = true;
    },
    stop() {
      recording = false;
      return { frames, longTasks };
    },
    connectedAt: null,
  };
  const loop = (t: number) => {
    if (recording && last > 0) frames.push(t - last);
    last = t;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  try {
    new PerformanceObserver((list) => {
      if (recording) for (const e of list.getEntries()) longTasks.push(e.duration);
    }).observe({ type: "longtask" });
  } catch {
    // No long-task timing in this browser: the report shows none recorded.
  }
  const watch = new MutationObserver(() => {
    if (document.querySelector('[data-testid="status-pill"]')?.textContent === "Connected") {
      probe.connectedAt = performance.now();
      watch.disconnect();
    }
  });
  watch.observe(document, { subtree: true, childList: true, characterData: true });
  (window as unknown as { __probe: Probe }).__probe = probe;
}

export const startRecording = (page: Page) => page.evaluate(() => (window as unknown as { __probe: { start(): void } }).__probe.start());
export const stopRecording = (page: Page) =>
  page.evaluate(() => (window as unknown as { __probe: { stop(): { frames: number[]; longTasks: number[] } } }).__probe.stop());
export const connectedAt = (page: Page) =>
  page.evaluate(() => (window as unknown as { __probe: { connectedAt: number | null } }).__probe.connectedAt);

/**
 * Clicks Start on the lab page and times a lane from the first snapshot showing a published event to
 * the first showing `count` delivered (snapshots come every 100 ms). Resolves with milliseconds.
 */
export function timeLane(page: Page, lane: string, count: number, limitMs: number): Promise<{ ms: number; delivered: number }> {
  return page.evaluate(
    ([lane, count, limitMs]) =>
      new Promise<{ ms: number; delivered: number }>((resolve, reject) => {
        const value = (id: string) =>
          Number((document.querySelector(`[data-testid="${id}"]`)?.textContent ?? "").replace(/[^\d]/g, "")) || 0;
        let first: number | null = null;
        const check = () => {
          const now = performance.now();
          if (first === null && value(`lane-${lane}-published`) > 0) first = now;
          const delivered = value(`lane-${lane}-delivered`);
          if (first !== null && delivered >= count) {
            watch.disconnect();
            clearTimeout(timer);
            resolve({ ms: now - first, delivered });
          }
        };
        const watch = new MutationObserver(check);
        watch.observe(document.body, { subtree: true, childList: true, characterData: true });
        const timer = setTimeout(() => {
          watch.disconnect();
          reject(new Error(`lane ${lane}: ${value(`lane-${lane}-delivered`)} of ${count} delivered after ${limitMs} ms`));
        }, limitMs);
        const start = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Start");
        if (!start) return reject(new Error("no Start button on the lab page"));
        start.click();
      }),
    [lane, count, limitMs] as const,
  );
}

/** The main thread's JS heap after a forced garbage collection, and the page's DOM node count. */
export async function mainMemory(cdp: CDPSession): Promise<{ heap: number; domNodes: number }> {
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  const { nodes } = await cdp.send("Memory.getDOMCounters");
  return { heap: usedSize, domNodes: nodes };
}

/**
 * The page's dedicated workers (the lab engine) over the same DevTools session: attached without
 * flattening, so their commands go through Target.sendMessageToTarget.
 */
export async function workerProbe(cdp: CDPSession) {
  const sessions = new Map<string, string>(); // sessionId -> worker name/url
  const waiting = new Map<number, (result: unknown) => void>();
  let nextId = 1;
  cdp.on("Target.attachedToTarget", (e) => {
    if (e.targetInfo.type === "worker") sessions.set(e.sessionId, e.targetInfo.title || e.targetInfo.url);
  });
  cdp.on("Target.detachedFromTarget", (e) => {
    if (e.sessionId) sessions.delete(e.sessionId);
  });
  cdp.on("Target.receivedMessageFromTarget", (e) => {
    const msg = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg.result ?? msg.error);
  });
  await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const send = (sessionId: string, method: string) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      void cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id, method }) });
    });
  return {
    /** Heap of each worker whose name or URL matches `match`, after a forced collection. */
    async heap(match: RegExp): Promise<number> {
      let total = 0;
      for (const [sessionId, name] of sessions) {
        if (!match.test(name)) continue;
        await send(sessionId, "HeapProfiler.collectGarbage");
        const usage = (await send(sessionId, "Runtime.getHeapUsage")) as { usedSize?: number };
        total += usage.usedSize ?? 0;
      }
      return total;
    },
    names: () => [...sessions.values()],
  };
}
