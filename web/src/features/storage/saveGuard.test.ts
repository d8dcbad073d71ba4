import { describe, expect, it } from "vitest";
import { createAppStore, STORAGE_KEY } from "../../app/store.ts";
import { MAX_CODE_CHARS } from "../exercises/progress.ts";
import { importIfItFits } from "./actions.ts";
import { quotaStorage } from "./fakeStorage.ts";
import { createSaveGuard, exercisesPhrase, formatSize, isQuotaError, planFreeSpace, type SaveFailure } from "./saveGuard.ts";

const env = { search: "", buildDefaultUrl: undefined };
const code = (n: number, c = "x") => c.repeat(n);
const stored = (storage: { getItem: (k: string) => string | null }) => JSON.parse(storage.getItem(STORAGE_KEY) ?? "{}")?.state;

/** A page whose storage has `quota` characters, with a clock the test sets. */
function page(quota: number) {
  const storage = quotaStorage(quota);
  const clock = { now: 1_000 };
  const guard = createSaveGuard(() => clock.now);
  const store = createAppStore(env, storage, guard);
  const failure = () => guard.status.getState().failure;
  return { storage, clock, guard, store, failure, s: () => store.getState() };
}

describe("saving when the browser's storage is full", () => {
  it("a write the browser refuses is caught, described and kept in the tab; the next one that fits clears it", () => {
    const p = page(20_000);
    p.s().saveExerciseCode("01-a", code(6_000, "a"));
    p.s().saveExerciseCode("04-d", code(4_000, "d"));
    p.s().markExerciseComplete("04-d", 7);
    const before = p.storage.getItem(STORAGE_KEY);
    expect(p.failure()).toBeNull();

    p.clock.now = 2_000;
    // Would throw out of the editor's onChange without the guard.
    expect(() => p.s().saveExerciseCode("03-c", code(15_000, "c"))).not.toThrow();
    const f = p.failure() as SaveFailure;
    expect(f).toMatchObject({ full: true, since: 2_000, unsavedExercises: ["03-c"], otherUnsaved: false, storedChars: before?.length });
    expect(f.error).toMatch(/^QuotaExceededError: .*exceeded the quota/);
    expect(f.chars).toBeGreaterThan(25_000);
    expect(f.codeSizes).toEqual([
      { slug: "03-c", chars: 15_000 },
      { slug: "01-a", chars: 6_000 },
      { slug: "04-d", chars: 4_000 },
    ]);
    // The tab keeps the code; storage keeps what was saved before.
    expect(p.s().exerciseProgress["03-c"]?.code).toBe(code(15_000, "c"));
    expect(p.storage.getItem(STORAGE_KEY)).toBe(before);

    // Still too big: the failure goes on from the first one's time.
    p.clock.now = 3_000;
    p.s().saveExerciseCode("03-c", code(14_000, "c"));
    expect(p.failure()).toMatchObject({ since: 2_000, unsavedExercises: ["03-c"] });

    // Short enough again: saved, and the failure is gone.
    p.s().saveExerciseCode("03-c", code(2_000, "c"));
    expect(p.failure()).toBeNull();
    expect(stored(p.storage).exerciseProgress["03-c"].code).toBe(code(2_000, "c"));
  });

  it("does not retry the same refused text on every change that is not saved anyway (the lab's snapshots)", () => {
    const p = page(5_000);
    p.s().saveExerciseCode("01-a", code(6_000));
    const writes = p.storage.writes;
    for (let i = 0; i < 10; i++) p.store.setState({ status: { ...p.s().status, rttMs: i } });
    expect(p.storage.writes).toBe(writes);
    expect(p.failure()).not.toBeNull();
  });

  it("names settings changed since the last save, and other errors in the browser's words", () => {
    const p = page(100_000);
    p.s().saveExerciseCode("01-a", "ok");
    p.storage.setItem = () => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    };
    p.s().updateSettings({ token: "t" });
    expect(p.failure()).toMatchObject({
      full: false,
      error: "SecurityError: The operation is insecure.",
      unsavedExercises: [],
      otherUnsaved: true,
    });
  });

  it("what failed at the first write after loading is measured against what was loaded", () => {
    const storage = quotaStorage(3_000);
    createAppStore(env, storage).getState().saveExerciseCode("01-a", code(1_000));
    const guard = createSaveGuard();
    const store = createAppStore(env, storage, guard);
    store.getState().saveExerciseCode("02-b", code(3_000));
    expect(guard.status.getState().failure?.unsavedExercises).toEqual(["02-b"]);
  });

  it("free space drops only what the user agreed to; the current code is saved and loads again, completions stay", () => {
    const p = page(40_000);
    p.s().saveExerciseCode("01-a", code(12_000, "a"));
    p.s().saveExerciseCode("02-b", code(100, "b"));
    p.s().saveExerciseCode("04-d", code(9_000, "d"));
    p.s().markExerciseComplete("01-a", 5);
    p.s().saveExerciseCode("03-c", code(1_000, "c"));
    p.storage.setItem("filler", code(40_000 - (p.storage.getItem(STORAGE_KEY) as string).length - STORAGE_KEY.length - "filler".length));
    // The storage is full to the last character: 18,000 more do not fit.
    p.s().saveExerciseCode("03-c", code(19_000, "c"));
    const f = p.failure() as SaveFailure;
    const plan = planFreeSpace(f);
    // Largest first, just enough (12,000 + 9,000 ≥ 18,000), never the exercise being worked on.
    expect(plan).toEqual(["01-a", "04-d"]);
    expect(exercisesPhrase(plan)).toBe("exercises 01, 04");
    expect(stored(p.storage).exerciseProgress["03-c"].code).toBe(code(1_000, "c"));

    p.s().dropExerciseCode(plan);
    expect(p.failure()).toBeNull();
    const again = createAppStore(env, p.storage).getState().exerciseProgress;
    expect(again["03-c"]?.code).toBe(code(19_000, "c"));
    expect(again["01-a"]).toEqual({ completed: true, completedAt: 5 });
    expect(again["04-d"]).toEqual({ completed: false });
    expect(again["02-b"]?.code).toBe(code(100, "b"));
  });

  it("plans at least one exercise, and none when there is no other saved code", () => {
    const f = (over: Partial<SaveFailure>): SaveFailure => ({
      full: true,
      error: "",
      since: 0,
      chars: 1_000,
      storedChars: 1_000,
      unsavedExercises: ["03-c"],
      otherUnsaved: false,
      codeSizes: [
        { slug: "03-c", chars: 900 },
        { slug: "01-a", chars: 50 },
        { slug: "02-b", chars: 40 },
      ],
      ...over,
    });
    // The saved version fitted yet the same size fails now (other data grew): still one to drop.
    expect(planFreeSpace(f({}))).toEqual(["01-a"]);
    expect(planFreeSpace(f({ chars: 1_080 }))).toEqual(["01-a", "02-b"]);
    expect(planFreeSpace(f({ chars: 9_000 }))).toEqual(["01-a", "02-b"]);
    expect(planFreeSpace(f({ unsavedExercises: ["03-c", "01-a", "02-b"] }))).toEqual([]);
  });

  it("code longer than an exercise keeps is refused at the editor; the saved code stays saved", () => {
    const p = page(10_000_000);
    p.s().saveExerciseCode("01-a", "mine");
    p.s().saveExerciseCode("01-a", code(MAX_CODE_CHARS + 1));
    expect(p.s().codeRefused).toEqual({ "01-a": MAX_CODE_CHARS + 1 });
    expect(p.s().exerciseProgress["01-a"]?.code).toBe("mine");
    expect(stored(p.storage).exerciseProgress["01-a"].code).toBe("mine");
    expect(stored(p.storage)).not.toHaveProperty("codeRefused");
    expect(createAppStore(env, p.storage).getState().exerciseProgress["01-a"]?.code).toBe("mine");

    // Exactly the limit is kept, and loads again (sanitizeProgress agrees).
    p.s().saveExerciseCode("01-a", code(MAX_CODE_CHARS));
    expect(p.s().codeRefused).toEqual({});
    expect(createAppStore(env, p.storage).getState().exerciseProgress["01-a"]?.code).toBe(code(MAX_CODE_CHARS));

    p.s().saveExerciseCode("02-b", code(MAX_CODE_CHARS + 5));
    p.s().resetExerciseCode("02-b");
    expect(p.s().codeRefused).toEqual({});
  });

  it("an import that does not fit is refused by trying it, and leaves the progress as it was", () => {
    const p = page(30_000);
    p.s().saveExerciseCode("01-a", "mine");
    p.s().markExerciseComplete("01-a", 3);
    const before = p.storage.getItem(STORAGE_KEY);
    const progress = p.s().exerciseProgress;

    const failure = importIfItFits(p.store, p.guard, {
      "02-b": { code: code(20_000), completed: false },
      "05-e": { code: code(20_000), completed: true },
    });
    expect(failure).toMatchObject({ full: true, unsavedExercises: ["02-b", "05-e"] });
    expect(p.s().exerciseProgress).toBe(progress);
    expect(p.storage.getItem(STORAGE_KEY)).toBe(before);
    // Refused, not a save failure: no banner.
    expect(p.failure()).toBeNull();
    // The page saves as before.
    p.s().saveExerciseCode("01-a", "mine, later");
    expect(stored(p.storage).exerciseProgress["01-a"]).toEqual({ code: "mine, later", completed: true, completedAt: 3 });

    expect(importIfItFits(p.store, p.guard, { "02-b": { code: code(10_000), completed: false } })).toBeNull();
    expect(stored(p.storage).exerciseProgress["02-b"].code).toBe(code(10_000));
  });

  it("an import that fits while saves were failing saves everything and clears the failure", () => {
    const p = page(30_000);
    p.storage.setItem("filler", code(29_000));
    p.s().saveExerciseCode("01-a", code(2_000));
    expect(p.failure()).not.toBeNull();
    p.storage.removeItem("filler");
    expect(importIfItFits(p.store, p.guard, { "02-b": { code: "b", completed: false } })).toBeNull();
    expect(p.failure()).toBeNull();
    expect(Object.keys(stored(p.storage).exerciseProgress)).toEqual(["01-a", "02-b"]);
  });

  it("tells quota errors from others, and sizes in words", () => {
    expect(isQuotaError(new DOMException("full", "QuotaExceededError"))).toBe(true);
    expect(isQuotaError({ name: "NS_ERROR_DOM_QUOTA_REACHED" })).toBe(true);
    expect(isQuotaError(new Error("other"))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
    expect(formatSize(5 * 1024 * 1024)).toBe("5.2 MB");
    expect(formatSize(200_000)).toBe("0.2 MB");
    expect(formatSize(4_321)).toBe("4 kB");
    expect(formatSize(12)).toBe("12 characters");
    expect(exercisesPhrase(["03-c"])).toBe("exercise 03");
  });
});
