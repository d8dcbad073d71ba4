import { describe, expect, it } from "vitest";
import { createAppStore, memoryStorage } from "../../app/store.ts";
import { exportProgress, mergeProgress, parseProgressFile, sanitizeProgress } from "./progress.ts";

const env = { search: "", buildDefaultUrl: undefined };

describe("exercise progress", () => {
  it("persists code and completion in the app store and restores them", () => {
    const storage = memoryStorage();
    const first = createAppStore(env, storage).getState();
    first.saveExerciseCode("01-a", "my code");
    first.markExerciseComplete("01-a", 1_000);
    first.saveExerciseCode("02-b", "other");
    const again = createAppStore(env, storage).getState();
    expect(again.exerciseProgress).toEqual({
      "01-a": { code: "my code", completed: true, completedAt: 1_000 },
      "02-b": { code: "other", completed: false },
    });
    again.resetExerciseCode("01-a");
    expect(createAppStore(env, storage).getState().exerciseProgress["01-a"]).toEqual({ completed: true, completedAt: 1_000 });
  });

  it("keeps the first completion time", () => {
    const store = createAppStore(env, memoryStorage());
    store.getState().markExerciseComplete("01-a", 1);
    store.getState().markExerciseComplete("01-a", 2);
    expect(store.getState().exerciseProgress["01-a"]).toEqual({ completed: true, completedAt: 1 });
  });

  it("drops malformed saved entries instead of trusting them", () => {
    expect(
      sanitizeProgress({
        "01-a": { code: 5, completed: "yes" },
        "not a slug": { completed: true },
        "02-b": null,
        "03-c": { completed: true, completedAt: 7 },
      }),
    ).toEqual({
      "01-a": { completed: false },
      "03-c": { completed: true, completedAt: 7 },
    });
    expect(sanitizeProgress([1, 2])).toEqual({});
  });

  it("round-trips through an export file", () => {
    const progress = { "01-a": { code: "x", completed: true, completedAt: 5 } };
    expect(parseProgressFile(exportProgress(progress, 0))).toEqual(progress);
  });

  it("refuses files that are not progress exports, with a sentence", () => {
    expect(() => parseProgressFile("{oops")).toThrow(/not JSON/);
    expect(() => parseProgressFile('{"kind":"other"}')).toThrow(/not a playground progress export/);
    expect(() => parseProgressFile('{"kind":"nats-playground-progress","version":9}')).toThrow(/version 9 is not supported/);
  });

  it("importing never loses a completion", () => {
    const merged = mergeProgress(
      { "01-a": { completed: true, completedAt: 3 } },
      { "01-a": { code: "old", completed: false }, "02-b": { completed: false } },
    );
    expect(merged).toEqual({ "01-a": { code: "old", completed: true, completedAt: 3 }, "02-b": { completed: false } });
  });
});
