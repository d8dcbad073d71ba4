import { describe, expect, it } from "vitest";
import { EXERCISES } from "./catalog.ts";
import { exerciseNumber, EXERCISE_SLUGS, nextExerciseSlug } from "./slugs.ts";

describe("exercise slugs without their texts", () => {
  it("are the catalog's exercises, in its order", () => {
    expect(EXERCISE_SLUGS).toEqual(EXERCISES.map((e) => e.slug));
    expect(EXERCISE_SLUGS.map(exerciseNumber)).toEqual(EXERCISES.map((e) => e.number));
  });

  it("name the first exercise not complete as the next one, none when all are", () => {
    const slugs = ["01-a", "02-b", "03-c"];
    expect(nextExerciseSlug(() => false, slugs)).toBe("01-a");
    expect(nextExerciseSlug((s) => s === "01-a", slugs)).toBe("02-b");
    // A gap is where to go back to.
    expect(nextExerciseSlug((s) => s !== "02-b", slugs)).toBe("02-b");
    expect(nextExerciseSlug(() => true, slugs)).toBeNull();
  });
});
