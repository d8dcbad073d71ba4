import { describe, expect, it } from "vitest";
import { connectionLines } from "./connection-lines.ts";

describe("connection lines in the console", () => {
  const seed = { maxReconnects: 5, reconnectWaitSeconds: 5 };
  it("say that the client reconnects by itself, with the policy in words", () => {
    expect(connectionLines.lost(seed)).toBe(
      "[connection] Lost the connection to the server: the client reconnects by itself (up to 5 attempts, 5 s apart). Publishes and requests wait meanwhile.",
    );
    expect(connectionLines.lost({ maxReconnects: -1, reconnectWaitSeconds: 2 })).toContain("every 2 s, without limit");
    expect(connectionLines.lost({ maxReconnects: 1, reconnectWaitSeconds: 1 })).toContain("up to 1 attempt, 1 s apart");
  });
  it("say how long the connection was away, and when the client gave up", () => {
    expect(connectionLines.back(1_249, "127.0.0.1:9222")).toMatch(/^\[connection\] Reconnected to 127\.0\.0\.1:9222 after 1\.2 s: /);
    expect(connectionLines.gaveUp(25_300, seed)).toBe(
      "[connection] The client gave up reconnecting (up to 5 attempts, 5 s apart; no server for 25.3 s): the connection is closed.",
    );
    expect(connectionLines.gaveUp(1_000, { maxReconnects: -1, reconnectWaitSeconds: 1 })).not.toContain("-1");
    expect(connectionLines.closedByServer("Authorization violation.")).toBe(
      "[connection] The server closed the connection: Authorization violation.",
    );
  });
});
