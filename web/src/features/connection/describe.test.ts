import { describe, expect, it } from "vitest";
import { idleStatus } from "../../nats/connection.ts";
import { describeStatus } from "./describe.ts";

describe("status line", () => {
  const s = (patch: Partial<ReturnType<typeof idleStatus>>) => ({ ...idleStatus(), ...patch });
  it("counts reconnect attempts against the budget, and never spins for ever", () => {
    expect(describeStatus(s({ state: "reconnecting", reconnectAttempt: 0, maxReconnects: 5 })).label).toBe(
      "Connection lost, reconnecting…",
    );
    expect(describeStatus(s({ state: "reconnecting", reconnectAttempt: 3, maxReconnects: 5 })).label).toBe("Reconnecting (attempt 3 of 5)");
    expect(describeStatus(s({ state: "reconnecting", reconnectAttempt: 7, maxReconnects: -1 })).label).toBe(
      "Reconnecting (attempt 7 of ∞)",
    );
    expect(describeStatus(s({ state: "gave-up" }))).toEqual({ label: "Disconnected, gave up", tone: "bad" });
  });
  it("names every other state with its tone", () => {
    expect(describeStatus(s({ state: "connected" }))).toEqual({ label: "Connected", tone: "ok" });
    expect(describeStatus(s({ state: "connecting" })).tone).toBe("busy");
    expect(describeStatus(s({ state: "failed" })).tone).toBe("bad");
    expect(describeStatus(s({})).label).toBe("Not connected");
  });
});
