import { describe, expect, it } from "vitest";
import { loadMode } from "../../engine/loadMode.ts";
import {
  allLaneSettings,
  fieldsOf,
  fromField,
  LANE_IDS,
  MAX_DURATION_MS,
  modeOf,
  MODES,
  readLaneSettings,
  sameLaneSettings,
  toField,
} from "./index.ts";

describe("the lab's modes", () => {
  it("each mode in the list has its engine file, found by its id", async () => {
    for (const id of LANE_IDS) {
      const mode = await loadMode(id);
      expect(typeof mode.open, id).toBe("function");
    }
  });

  it("ids are unique; every mode's defaults pass its own field checks and every field has a default", () => {
    expect(new Set(LANE_IDS).size).toBe(MODES.length);
    for (const id of LANE_IDS) {
      const m = modeOf(id);
      expect(Object.keys(m.fields).sort(), id).toEqual(Object.keys(m.defaults).sort());
      for (const [key, f] of fieldsOf(id)) {
        const v = (m.defaults as Record<string, number | string>)[key];
        if (f.kind === "number") expect(f.check(toField(f, v as number)), `${id}.${key}`).toBeNull();
        else
          expect(
            f.options.map((o) => o.id),
            `${id}.${key}`,
          ).toContain(v);
      }
      expect(m.summary(m.defaults as never)).not.toBe("");
    }
  });

  it("traits decide what applies: only a mode that stores nothing counts loss; its counters say so", () => {
    for (const m of MODES) {
      expect(m.traits.countsLoss).toBe(!m.traits.stores);
      expect(m.counters.includes("lost")).toBe(m.traits.countsLoss);
      expect(m.counters.includes("stored")).toBe(m.traits.stores);
      expect(m.faults.includes("pause-acks")).toBe(m.traits.acks);
      expect(m.faults.includes("add-worker")).toBe(m.traits.workers);
    }
  });

  it("reads saved or linked settings key by key: foreign keys ignored, bad values refused with the field's own words", () => {
    // An old flat bag (every lane carried all six fields): each mode takes only its own.
    const flat = {
      duplicateWindowMs: 30_000,
      msgIdStrategy: "timestamp",
      ackWaitMs: 2_000,
      maxDeliver: 3,
      failureRate: 0.2,
      inactiveThresholdMs: 60_000,
    };
    expect(readLaneSettings("core", flat)).toEqual({ settings: {}, problems: [] });
    expect(readLaneSettings("jetstream", flat)).toEqual({ settings: { inactiveThresholdMs: 60_000 }, problems: [] });
    expect(readLaneSettings("dedupe", flat).settings).toEqual({
      duplicateWindowMs: 30_000,
      msgIdStrategy: "timestamp",
      inactiveThresholdMs: 60_000,
    });
    expect(readLaneSettings("durable", flat).settings).toEqual({
      ackWaitMs: 2_000,
      maxDeliver: 3,
      failureRate: 0.2,
      inactiveThresholdMs: 60_000,
    });

    const bad = readLaneSettings("durable", { ackWaitMs: 10, maxDeliver: 1.5, failureRate: "x", inactiveThresholdMs: MAX_DURATION_MS + 1 });
    expect(bad.settings).toEqual(modeOf("durable").defaults);
    expect(bad.problems).toEqual([
      "Durable consumer: Ack wait must be at least 0.1 s.",
      "Durable consumer: Max deliver must be -1 (no limit) or a whole number from 1.",
      "Durable consumer: “failureRate” is not a number.",
      "Durable consumer: “inactiveThresholdMs” is longer than the server accepts.",
    ]);
    expect(readLaneSettings("dedupe", { msgIdStrategy: "uuid" }).problems).toEqual([
      "JetStream + dedupe: “uuid” is not a Msg-Id strategy.",
    ]);
    expect(readLaneSettings("pool", { workers: 0 }).problems[0]).toMatch(/number of workers must be a whole number from 1 to 16/);
    expect(readLaneSettings("jetstream", "nonsense").problems).toEqual(["JetStream: its settings are not a set of values."]);
    // Nothing from a prototype.
    expect(readLaneSettings("jetstream", JSON.parse('{"__proto__": {"inactiveThresholdMs": 5}}')).settings).toEqual(
      modeOf("jetstream").defaults,
    );
  });

  it("field units: seconds stored as ms, percent as a share, and back", () => {
    const [, ackWait] = fieldsOf("durable").find(([k]) => k === "ackWaitMs")!;
    const [, rate] = fieldsOf("durable").find(([k]) => k === "failureRate")!;
    if (ackWait.kind !== "number" || rate.kind !== "number") throw new Error("number fields expected");
    expect(toField(ackWait, 2_500)).toBe(2.5);
    expect(fromField(ackWait, 2.5)).toBe(2_500);
    expect(toField(rate, 0.125)).toBe(12.5);
    expect(fromField(rate, 12.5)).toBe(0.125);
    const all = allLaneSettings();
    expect(sameLaneSettings("durable", all.durable, { ...all.durable })).toBe(true);
    expect(sameLaneSettings("durable", all.durable, { ...all.durable, maxDeliver: 2 })).toBe(false);
  });
});
