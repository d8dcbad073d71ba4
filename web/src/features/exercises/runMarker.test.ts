import { describe, expect, it } from "vitest";
import { markRunEnded, markRunStarted, takeCrashedRun, type MarkerStorage } from "./runMarker.ts";

function fakeStorage(): MarkerStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe("the run marker tells a crashed page from a finished run", () => {
  it("a run that ended leaves nothing to report", () => {
    const s = fakeStorage();
    markRunStarted(s, { slug: "01-hello-pubsub", at: 1000 });
    markRunEnded(s);
    expect(takeCrashedRun(s, "01-hello-pubsub")).toBeNull();
  });

  it("a run still marked when the exercise opens again was cut short by a crash, told once", () => {
    const s = fakeStorage();
    markRunStarted(s, { slug: "01-hello-pubsub", at: 1000 });
    expect(takeCrashedRun(s, "01-hello-pubsub")).toEqual({ slug: "01-hello-pubsub", at: 1000 });
    expect(takeCrashedRun(s, "01-hello-pubsub")).toBeNull();
  });

  it("another exercise's marker is left for that exercise", () => {
    const s = fakeStorage();
    markRunStarted(s, { slug: "02-subjects-and-requests", at: 1000 });
    expect(takeCrashedRun(s, "01-hello-pubsub")).toBeNull();
    expect(takeCrashedRun(s, "02-subjects-and-requests")).not.toBeNull();
  });

  it("no storage, broken storage or a garbled marker: nothing is reported and nothing throws", () => {
    expect(takeCrashedRun(undefined, "x")).toBeNull();
    const broken: MarkerStorage = {
      getItem: () => {
        throw new Error("blocked");
      },
      setItem: () => {
        throw new Error("full");
      },
      removeItem: () => {
        throw new Error("blocked");
      },
    };
    expect(() => markRunStarted(broken, { slug: "x", at: 1 })).not.toThrow();
    expect(() => markRunEnded(broken)).not.toThrow();
    expect(takeCrashedRun(broken, "x")).toBeNull();
    const s = fakeStorage();
    s.setItem("nats-playground:run-in-flight", "{not json");
    expect(takeCrashedRun(s, "x")).toBeNull();
  });
});
