import { describe, expect, it } from "vitest";
import { outageNote, type Outage } from "./outage.ts";

const seed = { maxReconnects: 5, reconnectWaitSeconds: 5 };
const T = 1_700_000_000_000;

describe("a lane's note about a server outage", () => {
  it("while it lasts: how long, and that the client reconnects by itself", () => {
    const o: Outage = { since: T, phase: "down", errorsAtStart: 3 };
    expect(outageNote("jetstream", o, T + 2_340, 0, seed)).toBe(
      "Connection lost 2.3 s ago: the client reconnects by itself (up to 5 attempts, 5 s apart). Publishes wait for their PubAck meanwhile.",
    );
    expect(outageNote("core", o, T + 2_340, 0, seed)).not.toContain("PubAck");
  });

  it("once back: the downtime and the publishes left without a PubAck, as unknown", () => {
    const o: Outage = { since: T, phase: "back", downMs: 1_240, errorsAtStart: 0 };
    expect(outageNote("dedupe", o, T + 9_000, 37, seed)).toBe(
      "Reconnected after 1.2 s. 37 publishes got no PubAck: outcome unknown (stored or not; only a retry with the same Nats-Msg-Id is safe). Its consumer continues from the server's ack floor.",
    );
    expect(outageNote("durable", o, T + 9_000, 1, seed)).toContain("1 publish got no PubAck");
    expect(outageNote("durable", o, T + 9_000, 0, seed)).toContain("No publish has failed.");
    expect(outageNote("core", o, T + 9_000, 0, seed)).toBe(
      "Reconnected after 1.2 s. Core NATS keeps nothing: messages sent while the connection was down are gone.",
    );
  });

  it("gave up: says so, with the way out; after Reconnect: resumed", () => {
    const gaveUp: Outage = { since: T, phase: "gave-up", errorsAtStart: 0 };
    expect(outageNote("durable", gaveUp, T + 25_000, 12, seed)).toBe(
      "Gave up after 5 reconnect attempts: no server for 25.0 s. Press Reconnect to resume the lane. 12 publishes got no PubAck: outcome unknown (stored or not; only a retry with the same Nats-Msg-Id is safe).",
    );
    const resumed: Outage = { since: T, phase: "resumed", downMs: 31_000, errorsAtStart: 0 };
    expect(outageNote("jetstream", resumed, T + 40_000, 12, seed)).toMatch(
      /^Resumed after Reconnect, 31\.0 s without a server\. 12 publishes got no PubAck: .* Its consumer continues from the server's ack floor\.$/,
    );
  });

  it("resumed with a consumer the server deleted meanwhile: it starts over, not at the ack floor", () => {
    const resumed: Outage = { since: T, phase: "resumed", downMs: 31_000, errorsAtStart: 0, consumerRecreated: true };
    const note = outageNote("dedupe", resumed, T + 40_000, 0, seed);
    expect(note).toContain("it was created again and starts over from the stream's first message");
    expect(note).not.toContain("ack floor");
    expect(outageNote("core", resumed, T + 40_000, 0, seed)).toContain("Core NATS keeps nothing");
  });

  it("gave up, and Reconnect failed too: why, and that Reconnect can try again", () => {
    const o: Outage = { since: T, phase: "gave-up", errorsAtStart: 0, reopenError: "Nothing answered at ws://localhost:9222." };
    expect(outageNote("core", o, T + 25_000, 0, seed)).toBe(
      "Gave up after 5 reconnect attempts: no server for 25.0 s. Could not reopen the lane: Nothing answered at ws://localhost:9222. Press Reconnect to try again.",
    );
  });
});
