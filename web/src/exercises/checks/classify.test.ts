import { describe, expect, it } from "vitest";
import { PlaygroundError } from "../../nats/errors.ts";
import { AssertionError, CheckTimeoutError, deepEqual, expect as check, show } from "./assert.ts";
import { allPassed, classifyCheckError, CONNECTION_LOST_MESSAGE } from "./classify.ts";
import { returnedValue } from "./harness.ts";

const ok = { connectionLost: false };

describe("classifyCheckError", () => {
  it("a failed assertion is the learner's: fail, with expected and got", () => {
    let err: unknown;
    try {
      check.equal(["a"], ["a", "b"], "messages");
    } catch (e) {
      err = e;
    }
    expect(classifyCheckError("c", err, ok)).toEqual({ name: "c", status: "fail", message: 'messages: expected ["a","b"], got ["a"]' });
  });

  it("a check over its budget is a timeout", () => {
    expect(classifyCheckError("c", new CheckTimeoutError("too slow"), ok)).toMatchObject({ status: "timeout", message: "too slow" });
  });

  it.each([
    ["unreachable", new PlaygroundError("unreachable", "Could not open a NATS websocket")],
    ["closed", new Error("closed connection")],
    ["a request timeout", Object.assign(new Error("timeout"), { name: "TimeoutError" })],
  ])("%s from the client is an infrastructure error, not the learner's fault", (_what, err) => {
    const r = classifyCheckError("c", err, ok);
    expect(r.status).toBe("infrastructure");
    expect(r.message).toMatch(/not your code/);
  });

  it("anything after the connection was lost is an infrastructure error, even a failed assertion", () => {
    expect(classifyCheckError("c", new AssertionError("expected 5, got 0"), { connectionLost: true })).toEqual({
      name: "c",
      status: "infrastructure",
      message: CONNECTION_LOST_MESSAGE,
    });
  });

  it("other errors fail the check with the playground's explanation", () => {
    const r = classifyCheckError("c", new Error("subjects overlap with an existing stream"), ok);
    expect(r).toMatchObject({ status: "fail", message: expect.stringMatching(/Another stream already captures/) });
  });

  it("complete means at least one check and every one passed", () => {
    expect(allPassed([])).toBe(false);
    expect(allPassed([{ name: "a", status: "pass" }])).toBe(true);
    expect(
      allPassed([
        { name: "a", status: "pass" },
        { name: "b", status: "infrastructure" },
      ]),
    ).toBe(false);
  });
});

describe("what main returned", () => {
  it("passes the value on, or says why there is none", () => {
    expect(returnedValue({ status: "returned", value: [1] })).toEqual([1]);
    expect(() => returnedValue({ status: "threw", message: "boom", line: 4 })).toThrow(
      new AssertionError("Your code threw an error on line 4: boom"),
    );
    expect(() => returnedValue({ status: "timeout", afterMs: 10_000 })).toThrow(CheckTimeoutError);
    expect(() => returnedValue({ status: "not-started", message: "no main", infrastructure: false })).toThrow(AssertionError);
  });
});

describe("assertion helpers", () => {
  it("compare deeply and show values readably", () => {
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(show(undefined)).toBe("nothing (undefined)");
    expect(show("x")).toBe('"x"');
    expect(() => check.between(7, 1, 5, "count")).toThrow("count: expected between 1 and 5, got 7");
    expect(() => check.ok(null, "no stream")).toThrow(AssertionError);
  });
});
