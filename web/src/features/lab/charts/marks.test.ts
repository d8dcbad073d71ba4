import { describe, expect, it } from "vitest";
import { eventMarks, markKind, mergeMarks } from "./marks.ts";

const NOW = 1_700_000_100_500; // 0.5 s into a second
const at = (secondsAgo: number) => NOW - 500 - secondsAgo * 1000;

describe("markKind", () => {
  it("tells outages, recoveries and other faults apart from the lane's sentences", () => {
    expect(markKind("Connection lost: reconnecting by itself (10 attempts).")).toBe("outage");
    expect(markKind("Gave up after 10 reconnect attempts (no server for 12 s).")).toBe("outage");
    expect(markKind("Reconnected after 1.2 s.")).toBe("back");
    expect(markKind("Resumed after Reconnect (3 s without a server).")).toBe("back");
    expect(markKind("Slow consumer: each message waits 50 ms, for 10 s.")).toBe("fault");
    expect(markKind("Slow consumer caught up.")).toBe("back");
  });
});

describe("eventMarks", () => {
  it("places events on the −60 s … 0 axis and an outage as a band from lost to back", () => {
    const { marks, bands } = eventMarks(
      [
        { at: at(90), text: "Slow consumer: each message waits 50 ms." },
        { at: at(20), text: "Connection lost: reconnecting by itself." },
        { at: at(17), text: "Reconnected after 3 s." },
      ],
      NOW,
      "core",
    );
    expect(marks.map((m) => [m.x, m.kind])).toEqual([
      [-20, "outage"],
      [-17, "back"],
    ]);
    expect(bands).toEqual([{ from: -20, to: -17, open: false, text: "Connection lost: reconnecting by itself.", lane: "core" }]);
  });
  it("keeps an outage that still lasts open up to now, and clips one that began before the window", () => {
    const { bands } = eventMarks([{ at: at(75), text: "Connection lost." }], NOW);
    expect(bands).toEqual([{ from: -60, to: 0, open: true, text: "Connection lost." }]);
  });
  it("merges lanes' marks in time order", () => {
    const a = eventMarks([{ at: at(5), text: "Connection lost." }], NOW, "core");
    const b = eventMarks([{ at: at(10), text: "Slow consumer: x" }], NOW, "durable");
    expect(mergeMarks([a, b]).marks.map((m) => m.lane)).toEqual(["durable", "core"]);
    expect(mergeMarks([a, b]).bands).toHaveLength(1);
  });
});
