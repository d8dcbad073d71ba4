import { describe, expect, it } from "vitest";
import { createOutageTracker, outageNote, type Outage } from "./outage.ts";

const seed = { maxReconnects: 5, reconnectWaitSeconds: 5 };
const T = 1_700_000_000_000;

describe("a lane's note about a server outage", () => {
  it("while it lasts: how long, and that the client reconnects by itself", () => {
    const o: Outage = { since: T, phase: "down", errorsAtStart: 3 };
    expect(outageNote(true, o, T + 2_340, 0, seed)).toBe(
      "Connection lost 2.3 s ago: the client reconnects by itself (up to 5 attempts, 5 s apart). Publishes wait for their PubAck meanwhile.",
    );
    expect(outageNote(false, o, T + 2_340, 0, seed)).not.toContain("PubAck");
  });

  it("once back: the downtime and the publishes left without a PubAck, as unknown", () => {
    const o: Outage = { since: T, phase: "back", downMs: 1_240, errorsAtStart: 0 };
    expect(outageNote(true, o, T + 9_000, 37, seed)).toBe(
      "Reconnected after 1.2 s. 37 publishes got no PubAck: outcome unknown (stored or not; only a retry with the same Nats-Msg-Id is safe). Its consumer continues from the server's ack floor.",
    );
    expect(outageNote(true, o, T + 9_000, 1, seed)).toContain("1 publish got no PubAck");
    expect(outageNote(true, o, T + 9_000, 0, seed)).toContain("No publish has failed.");
    expect(outageNote(false, o, T + 9_000, 0, seed)).toBe(
      "Reconnected after 1.2 s. Core NATS keeps nothing: messages sent while the connection was down are gone.",
    );
  });

  it("gave up: says so, with the way out; after Reconnect: resumed", () => {
    const gaveUp: Outage = { since: T, phase: "gave-up", errorsAtStart: 0 };
    expect(outageNote(true, gaveUp, T + 25_000, 12, seed)).toBe(
      "Gave up after 5 reconnect attempts: no server for 25.0 s. Press Reconnect to resume the lane. 12 publishes got no PubAck: outcome unknown (stored or not; only a retry with the same Nats-Msg-Id is safe).",
    );
    const resumed: Outage = { since: T, phase: "resumed", downMs: 31_000, errorsAtStart: 0 };
    expect(outageNote(true, resumed, T + 40_000, 12, seed)).toMatch(
      /^Resumed after Reconnect, 31\.0 s without a server\. 12 publishes got no PubAck: .* Its consumer continues from the server's ack floor\.$/,
    );
  });

  it("resumed with a consumer the server deleted meanwhile: it starts over, not at the ack floor", () => {
    const resumed: Outage = { since: T, phase: "resumed", downMs: 31_000, errorsAtStart: 0, consumerRecreated: true };
    const note = outageNote(true, resumed, T + 40_000, 0, seed);
    expect(note).toContain("it was created again and starts over from the stream's first message");
    expect(note).not.toContain("ack floor");
    expect(outageNote(false, resumed, T + 40_000, 0, seed)).toContain("Core NATS keeps nothing");
  });

  it("gave up, and Reconnect failed too: why, and that Reconnect can try again", () => {
    const o: Outage = { since: T, phase: "gave-up", errorsAtStart: 0, reopenError: "Nothing answered at ws://localhost:9222." };
    expect(outageNote(false, o, T + 25_000, 0, seed)).toBe(
      "Gave up after 5 reconnect attempts: no server for 25.0 s. Could not reopen the lane: Nothing answered at ws://localhost:9222. Press Reconnect to try again.",
    );
  });
});

describe("the outage tracker", () => {
  const policy = { maxReconnects: 5, reconnectWaitSeconds: 5 };
  it("two connections: away while either is down, back when both are, the errors of the next 10 s still its own", () => {
    const o = createOutageTracker(() => policy);
    expect(o.lost("pub", 1_000, 3)).toBe("Connection lost: reconnecting by itself (up to 5 attempts, 5 s apart).");
    expect(o.lost("sub", 1_100, 3)).toBeNull();
    expect(o.away()).toBe(true);
    expect(o.back("pub", 2_000)).toEqual({ allBack: false, event: null });
    expect(o.back("sub", 3_500)).toEqual({ allBack: true, event: "Reconnected after 2.5 s." });
    expect(o.away()).toBe(false);
    expect(o.ownsErrors(3_500 + 9_000)).toBe(true);
    expect(o.ownsErrors(3_500 + 11_000)).toBe(false);
    expect(o.note(true, 4_000, 5)).toContain("2 publishes got no PubAck");
    o.giveWay();
    expect(o.current).toBeNull();
  });

  it("gave up: stays given up through a failed reopen, resumed clears it and keeps the outage's start", () => {
    const o = createOutageTracker(() => policy);
    o.lost("sub", 1_000, 0);
    expect(o.gaveUpOn("sub", 26_000, 0)).toBe("Gave up after 5 reconnect attempts (no server for 25.0 s).");
    expect(o.gaveUpOn("pub", 26_100, 0)).toBeNull();
    expect(o.gaveUp).toBe(true);
    o.giveWay();
    expect(o.current?.phase).toBe("gave-up");
    expect(o.reopenFailed(30_000, 0, "No server at ws://x.")).toBe("Could not reopen the lane: No server at ws://x.");
    expect(o.note(false, 30_000, 0)).toContain("Could not reopen the lane: No server at ws://x. Press Reconnect to try again.");
    expect(o.resumed(40_000, true)).toBe(
      "Resumed after Reconnect (39.0 s without a server): the durable consumer was created again, starting over.",
    );
    expect(o.gaveUp).toBe(false);
    expect(o.away()).toBe(false);
    expect(o.current).toMatchObject({ phase: "resumed", since: 1_000, downMs: 39_000, consumerRecreated: true });
  });
});
