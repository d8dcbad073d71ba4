import { describe, expect, it } from "vitest";
import { createMessageLog } from "./log.ts";

describe("message log", () => {
  it("keeps the newest entries, newest first, and never grows past its capacity", () => {
    const log = createMessageLog(3);
    for (let i = 1; i <= 5; i++) log.add(i, `s.${i}`, `id-${i}`, i, 1, i / 10, "acked");
    expect(log.size).toBe(3);
    expect(log.recent().map((e) => e.msgId)).toEqual(["id-5", "id-4", "id-3"]);
    expect(log.recent(2).map((e) => e.seq)).toEqual([5, 4]);
  });

  it("hands out copies, so later messages do not change a snapshot already taken", () => {
    const log = createMessageLog(2);
    log.add(1, "a", "x", 1, 1, 1, "acked");
    const snap = log.recent();
    log.add(2, "b", "y", 2, 2, 2, "skipped");
    log.add(3, "c", "z", 3, 1, 3, "nak");
    expect(snap[0]).toMatchObject({ subject: "a", msgId: "x", outcome: "acked" });
    log.clear();
    expect(log.recent()).toEqual([]);
  });
});
