import { describe, expect, it } from "vitest";
import { createLedger } from "./ledger.ts";

describe("the fault suite's ledger", () => {
  it("puts every event in exactly one class", () => {
    const l = createLedger();
    l.record("a", "ack"); // stored once: acked
    l.record("b", "ack"); // not stored: lost
    l.record("c", "error");
    l.record("c", "duplicate-ack"); // a retry the server had already stored: acked
    l.record("d", "error"); // stored, but the client never knew: unknown
    l.record("e", "error"); // not stored: unknown
    l.record("f", "ack"); // stored twice: duplicated
    const c = l.classify(["a", "c", "d", "f", "f", "zzz"]);
    expect(c).toMatchObject({ events: 6, acked: 2, lost: 1, duplicated: 1, unknown: 2, unknownStored: 1, phantom: 1, attempts: 7 });
    expect(c.examples).toEqual({ lost: ["b"], duplicated: ["f"], unknown: ["d", "e"] });
    expect(l.acked("c")).toBe(true);
    expect(l.acked("e")).toBe(false);
  });
});
