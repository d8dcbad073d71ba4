import { describe, expect, it } from "vitest";
import { atLabel } from "./labels.ts";
import { formatMsTick } from "./rows.ts";
import { laneColor, laneStyle } from "./theme.ts";

describe("atLabel", () => {
  it("says when, each series' value, and what happened then", () => {
    expect(
      atLabel(-12, [
        { name: "p50", value: "4 ms" },
        { name: "p99", value: "1,200 ms" },
      ]),
    ).toBe("12 s ago: p50 4 ms, p99 1,200 ms.");
    expect(atLabel(0, [{ name: "published", value: "3" }], ["Connection lost."])).toBe("Now: published 3. Connection lost.");
  });
});

describe("formatMsTick", () => {
  it("labels the log axis in ms below a second, in s from there", () => {
    expect([0.1, 2, 50, 1000, 2000, 10_000].map(formatMsTick)).toEqual(["0.1 ms", "2 ms", "50 ms", "1 s", "2 s", "10 s"]);
  });
});

describe("laneStyle", () => {
  it("gives each lane its own dash and marker, and an unknown lane a legible fallback", () => {
    const known = ["core", "jetstream", "dedupe", "durable"].map(laneStyle);
    expect(new Set(known.map((s) => s.marker)).size).toBe(4);
    expect(new Set(known.map((s) => s.dash ?? "solid")).size).toBe(4);
    const other = laneStyle("pool");
    expect(other.marker).toBe("cross");
    expect(known.map((s) => s.marker)).not.toContain(other.marker);
    expect(laneColor("pool")).toBe("var(--lane-pool, var(--text))");
  });
});
