import { describe, expect, it } from "vitest";
import type { ProgressEnvelope, ProgressEvent } from "../../room/contract.ts";
import { applyEvent, DEFAULT_THRESHOLDS, gridCsv, rankSeats, raisedHands, stuckReasons, type Grid } from "./grid.ts";

const MIN = 60_000;
const ev = (e: ProgressEvent, at: number, name = "Ana"): ProgressEnvelope => ({ ...e, v: 1, at, name, id: `${at}` }) as ProgressEnvelope;
const play = (events: [string, ProgressEvent, number, string?][]): Grid =>
  events.reduce<Grid>((g, [seat, e, at, name]) => applyEvent(g, `progress.${seat}.${e.kind}`, ev(e, at, name)), {});
const check = (exercise: string, failing?: string): ProgressEvent => ({
  kind: "check",
  exercise,
  code: "code",
  checks: failing
    ? [
        { name: "first", status: "pass" },
        { name: failing, status: "fail", message: "expected 3, got 2" },
      ]
    : [{ name: "first", status: "pass" }],
});

describe("the instructor's grid", () => {
  it("follows a seat through an exercise: opened, failing a named check, passed", () => {
    const g = play([
      ["seat-01", { kind: "opened", exercise: "01-a" }, 0],
      ["seat-01", { kind: "run", exercise: "01-a", ok: false, error: "Error on line 3: boom", code: "c" }, 1_000],
      ["seat-01", check("01-a", "returns the greetings"), 2_000],
    ]);
    expect(g["seat-01"]).toMatchObject({ name: "Ana", current: "01-a", lastError: "returns the greetings: expected 3, got 2" });
    expect(g["seat-01"]!.exercises["01-a"]).toMatchObject({ status: "failing", failing: "returns the greetings", runs: 1, checks: 1 });
    const passed = applyEvent(g, "progress.seat-01.check", ev(check("01-a"), 3_000));
    expect(passed["seat-01"]!.exercises["01-a"]).toMatchObject({ status: "passed", passedAt: 3_000, failing: undefined });
    // A later failing check does not undo a pass.
    const again = applyEvent(passed, "progress.seat-01.check", ev(check("01-a", "x"), 4_000));
    expect(again["seat-01"]!.exercises["01-a"]!.status).toBe("passed");
    expect(g["seat-01"]!.exercises["01-a"]!.status).toBe("failing");
  });

  it("flags the same check failing N times, minutes without a pass, the same error repeated", () => {
    const t = DEFAULT_THRESHOLDS;
    const fails = play([
      ["seat-07", { kind: "opened", exercise: "03-q" }, 0],
      ["seat-07", check("03-q", "each once"), 1],
      ["seat-07", check("03-q", "each once"), 2],
    ]);
    expect(stuckReasons(fails["seat-07"]!, 3 * MIN, t)).toEqual([]);
    const third = applyEvent(fails, "progress.seat-07.check", ev(check("03-q", "each once"), 3));
    expect(stuckReasons(third["seat-07"]!, 3 * MIN, t)).toEqual(['"each once" failed 3 times in a row', "the same error 3 times"]);
    // Another check failing in between starts the count again.
    const mixed = play([
      ["seat-02", { kind: "opened", exercise: "03-q" }, 0],
      ["seat-02", check("03-q", "a"), 1],
      ["seat-02", check("03-q", "b"), 2],
      ["seat-02", check("03-q", "a"), 3],
    ]);
    expect(stuckReasons(mixed["seat-02"]!, MIN, t)).toEqual([]);
    expect(stuckReasons(mixed["seat-02"]!, 12 * MIN, t)).toEqual(["12 min on 03-q without a pass"]);
    const errors = play([
      ["seat-03", { kind: "opened", exercise: "01-a" }, 0],
      ...[1, 2, 3].map((i): [string, ProgressEvent, number] => [
        "seat-03",
        { kind: "run", exercise: "01-a", ok: false, error: "same", code: "" },
        i,
      ]),
    ]);
    expect(stuckReasons(errors["seat-03"]!, MIN, t)).toEqual(["the same error 3 times"]);
    expect(stuckReasons(errors["seat-03"]!, MIN, { ...t, sameErrors: 4 })).toEqual([]);
  });

  it("sorts stuck seats first, then raised hands in the order they went up", () => {
    const g = play([
      ["seat-01", { kind: "opened", exercise: "01-a" }, 0, "A"],
      ["seat-02", { kind: "opened", exercise: "01-a" }, 0, "B"],
      ["seat-03", { kind: "opened", exercise: "01-a" }, 0, "C"],
      ["seat-10", { kind: "opened", exercise: "01-a" }, 0, "J"],
      ["seat-03", { kind: "hand", raised: true }, 5, "C"],
      ["seat-02", { kind: "hand", raised: true }, 9, "B"],
      ["seat-10", check("01-a", "x"), 1, "J"],
      ["seat-10", check("01-a", "x"), 2, "J"],
      ["seat-10", check("01-a", "x"), 3, "J"],
    ]);
    expect(rankSeats(g, MIN, DEFAULT_THRESHOLDS).map((r) => r.row.seat)).toEqual(["seat-10", "seat-03", "seat-02", "seat-01"]);
    expect(raisedHands(g).map((r) => r.seat)).toEqual(["seat-03", "seat-02"]);
    const lowered = applyEvent(g, "progress.seat-03.hand", ev({ kind: "hand", raised: false }, 20, "C"));
    expect(raisedHands(lowered).map((r) => r.seat)).toEqual(["seat-02"]);
  });

  it("exports a CSV with a column per exercise", () => {
    const g = play([
      ["seat-01", { kind: "opened", exercise: "01-a" }, 0, 'Ana "the, great"'],
      ["seat-01", check("01-a", "x"), MIN, 'Ana "the, great"'],
    ]);
    const csv = gridCsv(g, ["01-a", "02-b"], 5 * MIN, DEFAULT_THRESHOLDS).split("\n");
    expect(csv[0]).toBe("seat,name,current,minutes on current,runs,checks,stuck,last error,01-a,02-b");
    expect(csv[1]).toBe(
      'seat-01,"Ana ""the, great""",01-a,5,0,1,,x: expected 3, got 2,"failing ""x""",not started'.replace(
        "x: expected 3, got 2",
        '"x: expected 3, got 2"',
      ),
    );
  });

  it("ignores subjects that are not a seat's progress", () => {
    expect(applyEvent({}, "hint", ev({ kind: "hand", raised: true }, 1))).toEqual({});
  });
});
