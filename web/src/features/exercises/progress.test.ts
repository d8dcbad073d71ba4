import { describe, expect, it } from "vitest";
import { createAppStore, memoryStorage } from "../../app/store.ts";
import { exportProgress, MAX_CODE_CHARS, mergeProgress, parseProgressFile, sanitizeProgress } from "./progress.ts";

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

  it("loading the solution keeps the learner's code to go back to, across a reload; a second load keeps the first version", () => {
    const storage = memoryStorage();
    const store = createAppStore(env, storage);
    store.getState().saveExerciseCode("01-a", "mine");
    store.getState().loadSolution("01-a", "the solution", "mine", 5);
    const reloaded = createAppStore(env, storage).getState();
    expect(reloaded.exerciseProgress["01-a"]).toEqual({ code: "the solution", completed: false, mine: { code: "mine", at: 5 } });
    // Editing the solution and loading it again does not overwrite the learner's version.
    reloaded.saveExerciseCode("01-a", "the solution, edited");
    reloaded.loadSolution("01-a", "the solution", "the solution, edited", 9);
    expect(reloaded.exerciseProgress["01-a"]?.mine).toEqual({ code: "mine", at: 5 });
    reloaded.restoreMine("01-a");
    expect(createAppStore(env, storage).getState().exerciseProgress["01-a"]).toEqual({ code: "mine", completed: false });
    // Malformed saved versions are dropped, never trusted.
    expect(sanitizeProgress({ "01-a": { completed: false, mine: { code: 3, at: 1 } }, "02-b": { completed: false, mine: "x" } })).toEqual({
      "01-a": { completed: false },
      "02-b": { completed: false },
    });
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

  it("drops code longer than an exercise keeps, and says which", () => {
    const tooLong: string[] = [];
    const progress = sanitizeProgress(
      {
        "01-a": { code: "x".repeat(MAX_CODE_CHARS), completed: true, completedAt: 1 },
        "02-b": { code: "x".repeat(MAX_CODE_CHARS + 1), completed: true, completedAt: 2 },
      },
      tooLong,
    );
    expect(progress["01-a"]?.code).toHaveLength(MAX_CODE_CHARS);
    expect(progress["02-b"]).toEqual({ completed: true, completedAt: 2 });
    expect(tooLong).toEqual(["02-b"]);
    const fromFile: string[] = [];
    parseProgressFile(exportProgress({ "03-c": { code: "y".repeat(MAX_CODE_CHARS + 1), completed: false } }, 0), fromFile);
    expect(fromFile).toEqual(["03-c"]);
  });

  it("refuses to save code longer than an exercise keeps, keeping the code saved before", () => {
    const storage = memoryStorage();
    const store = createAppStore(env, storage);
    store.getState().saveExerciseCode("01-a", "before");
    store.getState().saveExerciseCode("01-a", "x".repeat(MAX_CODE_CHARS + 1));
    expect(store.getState().codeRefused).toEqual({ "01-a": MAX_CODE_CHARS + 1 });
    expect(createAppStore(env, storage).getState().exerciseProgress["01-a"]?.code).toBe("before");
    store.getState().saveExerciseCode("01-a", "after");
    expect(store.getState().codeRefused).toEqual({});
    expect(createAppStore(env, storage).getState().exerciseProgress["01-a"]?.code).toBe("after");
  });
});
