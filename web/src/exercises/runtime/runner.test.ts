import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConnectionSettings } from "../../nats/settings.ts";
import type { RunnerCommand, RunnerEvent, RunRequest } from "./protocol.ts";
import { createRunner, STOP_GRACE_MS, type RunEnd } from "./runner.ts";

/** The page's end of the runner's private port. */
class FakePort {
  onmessage: ((e: MessageEvent<RunnerEvent>) => void) | null = null;
  closed = false;
  close() {
    this.closed = true;
  }
}

/** Stands in for the browser's Worker: records what the page sent, lets the test answer on the private port. */
class FakeWorker {
  sent: RunnerCommand[] = [];
  transferred = 0;
  terminated = false;
  port = new FakePort();
  onmessage: ((e: MessageEvent<RunnerEvent>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(cmd: RunnerCommand, transfer: unknown[] = []) {
    this.sent.push(cmd);
    this.transferred += transfer.length;
  }
  terminate() {
    this.terminated = true;
  }
  /** What the runner's own code sends (on the port). */
  emit(event: RunnerEvent) {
    this.port.onmessage?.({ data: event } as MessageEvent<RunnerEvent>);
  }
  /** What participant code can send: self.postMessage, on the worker itself. */
  forge(event: RunnerEvent) {
    this.onmessage?.({ data: event } as MessageEvent<RunnerEvent>);
  }
}

const request: RunRequest = {
  type: "run",
  slug: "01-x",
  js: "export default () => 1",
  sourceMap: null,
  settings: { servers: ["ws://localhost:9222"], maxReconnects: 1, reconnectWaitSeconds: 1 } satisfies ConnectionSettings,
  pid: "abc123",
  timeLimitMs: 1_000,
};

describe("the exercise runner (page side)", () => {
  let workers: FakeWorker[];
  let events: RunnerEvent[];
  let ends: RunEnd[];
  const make = () =>
    createRunner(
      { onEvent: (e) => events.push(e), onEnd: (e) => ends.push(e) },
      () => {
        const w = new FakeWorker();
        workers.push(w);
        return w as unknown as Worker;
      },
      () => ({ port1: (workers.at(-1) as FakeWorker).port, port2: {} }) as unknown as MessageChannel,
    );

  beforeEach(() => {
    vi.useFakeTimers();
    workers = [];
    events = [];
    ends = [];
  });
  afterEach(() => vi.useRealTimers());

  it("runs each request in a fresh worker and terminates it when the run is done", () => {
    const runner = make();
    runner.start(request, 2_000);
    const w = workers[0] as FakeWorker;
    expect(w.sent).toEqual([request]);
    w.emit({ type: "log", level: "log", text: "hi" });
    w.emit({ type: "done", ok: true, summary: "Finished." });
    expect(events.map((e) => e.type)).toEqual(["log", "done"]);
    expect(ends).toEqual([{ reason: "done", ok: true, summary: "Finished." }]);
    expect(w.terminated).toBe(true);
    expect(runner.isRunning()).toBe(false);
  });

  it("the next run terminates the previous one, whose late messages are ignored", () => {
    const runner = make();
    runner.start(request, 2_000);
    runner.start(request, 2_000);
    const [first, second] = workers as [FakeWorker, FakeWorker];
    expect(first.terminated).toBe(true);
    first.emit({ type: "log", level: "log", text: "stale" });
    expect(events).toEqual([]);
    expect(second.terminated).toBe(false);
  });

  it("Stop aborts the code's signal, then terminates after a short grace", () => {
    const runner = make();
    runner.start(request, 60_000);
    const w = workers[0] as FakeWorker;
    runner.stop();
    expect(w.sent[1]).toEqual({ type: "abort", reason: "stopped" });
    expect(w.terminated).toBe(false);
    w.emit({ type: "log", level: "log", text: "cleaning up" });
    w.emit({ type: "error", message: "stopped", line: 3 });
    expect(events).toEqual([{ type: "log", level: "log", text: "cleaning up" }]);
    vi.advanceTimersByTime(STOP_GRACE_MS);
    expect(w.terminated).toBe(true);
    expect(ends).toEqual([{ reason: "stopped" }]);
  });

  it("a worker stuck in a loop is terminated at the limit: a timeout", () => {
    const runner = make();
    runner.start(request, 2_000);
    const w = workers[0] as FakeWorker;
    vi.advanceTimersByTime(1_999);
    expect(w.terminated).toBe(false);
    vi.advanceTimersByTime(1 + STOP_GRACE_MS);
    expect(w.terminated).toBe(true);
    expect(ends).toEqual([{ reason: "timeout", afterMs: 2_000 }]);
  });

  it("a worker that fails to start ends the run as crashed", () => {
    const runner = make();
    runner.start(request, 2_000);
    (workers[0] as FakeWorker).onerror?.({ message: "boom", preventDefault: () => {} } as ErrorEvent);
    expect(ends).toEqual([{ reason: "crashed", message: "boom" }]);
  });

  it("believes only the private port: a check result or an ending posted by participant code is ignored", () => {
    const runner = make();
    runner.start({ ...request, type: "check" }, 2_000);
    const w = workers[0] as FakeWorker;
    expect(w.transferred).toBe(1);
    w.forge({ type: "check", result: { name: "forged", status: "pass" } });
    w.forge({ type: "done", ok: true, summary: "1 of 1 checks passed." });
    expect(events).toEqual([]);
    expect(ends).toEqual([]);
    expect(runner.isRunning()).toBe(true);
    w.emit({ type: "check", result: { name: "real", status: "fail", message: "no" } });
    w.emit({ type: "done", ok: false, summary: "0 of 1 checks passed." });
    expect(events.map((e) => e.type)).toEqual(["check", "done"]);
    expect(ends).toEqual([{ reason: "done", ok: false, summary: "0 of 1 checks passed." }]);
    expect(w.port.closed).toBe(true);
  });
});

/** A runner keeping a spare worker; `port` picks the page's end of each run's private port. */
function spareRunner(port: (made: FakeWorker[]) => FakePort) {
  const made: FakeWorker[] = [];
  const ends: RunEnd[] = [];
  const runner = createRunner(
    { onEvent: () => undefined, onEnd: (e) => ends.push(e) },
    () => {
      const w = new FakeWorker();
      made.push(w);
      return w as unknown as Worker;
    },
    () => ({ port1: port(made), port2: {} }) as unknown as MessageChannel,
    { spare: true },
  );
  return { made, ends, runner };
}

describe("the exercise runner with a spare worker", () => {
  it("loads a worker ahead of the first run, hands it the run, and loads the next one after the run ends", () => {
    const { made, ends, runner } = spareRunner((made) => (made[0] as FakeWorker).port);
    // Ready before anyone presses Run; nothing was sent to it.
    expect(made).toHaveLength(1);
    expect(made[0]?.sent).toEqual([]);
    runner.start(request, 2_000);
    expect(made).toHaveLength(1);
    expect(made[0]?.sent).toEqual([request]);
    // The code that ran there never runs again: the worker ends with its run and a fresh one waits.
    made[0]?.emit({ type: "done", ok: true, summary: "Finished." });
    expect(made[0]?.terminated).toBe(true);
    expect(made).toHaveLength(2);
    expect(made[1]?.sent).toEqual([]);
    expect(ends).toEqual([{ reason: "done", ok: true, summary: "Finished." }]);
    // Leaving the page ends the spare too, and no new one is made.
    runner.dispose();
    expect(made[1]?.terminated).toBe(true);
    expect(made).toHaveLength(2);
  });

  it("cancels a run going without an ending and keeps a fresh spare", () => {
    const { made, ends, runner } = spareRunner(() => new FakePort());
    runner.start(request, 2_000);
    runner.cancel();
    expect(made[0]?.terminated).toBe(true);
    expect(ends).toEqual([]);
    expect(made.filter((w) => !w.terminated)).toHaveLength(1);
    runner.start(request, 2_000);
    expect(made[1]?.sent).toEqual([request]);
  });
});
