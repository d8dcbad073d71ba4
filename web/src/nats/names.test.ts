import { describe, expect, it } from "vitest";
import { nameProblem, subjectProblem } from "./names.ts";

const pub = { publish: true };
const sub = { publish: false };

describe("subjectProblem", () => {
  it.each(["orders", "orders.created", "lab.k7m2qx.core.events", "a-b_c.D1", "$JS.API.INFO"])("accepts %s", (s) => {
    expect(subjectProblem(s, pub)).toBeNull();
    expect(subjectProblem(s, sub)).toBeNull();
  });

  it("accepts wildcards as whole tokens when subscribing", () => {
    expect(subjectProblem("orders.*", sub)).toBeNull();
    expect(subjectProblem("orders.*.eu", sub)).toBeNull();
    expect(subjectProblem("orders.>", sub)).toBeNull();
    expect(subjectProblem(">", sub)).toBeNull();
  });

  const cases: [string, { publish: boolean }, string][] = [
    ["", pub, "The subject is empty: give it a name such as orders.created."],
    ["orders created", pub, '"orders created" contains a space or line break; subjects are dot-separated words without spaces.'],
    ["orders\tcreated", sub, '"orders\tcreated" contains a space or line break; subjects are dot-separated words without spaces.'],
    ["orders.", pub, '"orders." has an empty part (a leading, trailing or double dot).'],
    [".orders", sub, '".orders" has an empty part (a leading, trailing or double dot).'],
    ["orders..created", pub, '"orders..created" has an empty part (a leading, trailing or double dot).'],
    ["orders.*", pub, '"orders.*" contains a wildcard (* or >): you can subscribe with wildcards, but publish only to a full subject.'],
    ["orders.>", pub, '"orders.>" contains a wildcard (* or >): you can subscribe with wildcards, but publish only to a full subject.'],
    ["orders.a*", sub, '"orders.a*" uses * or > inside a word; wildcards must stand alone between dots.'],
    ["orders.>x", pub, '"orders.>x" uses * or > inside a word; wildcards must stand alone between dots.'],
    ["orders.>.eu", sub, '"orders.>.eu": > matches the rest of a subject, so it can only be the last part.'],
  ];
  it.each(cases)("%j (publish: %o) → the sentence", (subject, opts, sentence) => {
    expect(subjectProblem(subject, opts)).toBe(sentence);
  });
});

describe("nameProblem", () => {
  it.each(["ORDERS", "LAB_K7M2QX_CORE", "lab_k7m2qx_durable", "a-b", "x".repeat(255)])("accepts %s", (n) => {
    expect(nameProblem(n)).toBeNull();
  });

  const cases: [string, string | undefined, string][] = [
    ["", undefined, "The stream name is empty."],
    ["", "consumer name", "The consumer name is empty."],
    ["my stream", undefined, 'The stream name "my stream" contains a space; use letters, digits, - and _.'],
    ["bad.name", undefined, 'The stream name "bad.name" contains ".", "*" or ">", which names cannot hold; use letters, digits, - and _.'],
    ["all*", "durable name", 'The durable name "all*" contains ".", "*" or ">", which names cannot hold; use letters, digits, - and _.'],
    ["rest>", undefined, 'The stream name "rest>" contains ".", "*" or ">", which names cannot hold; use letters, digits, - and _.'],
    ["a/b", undefined, 'The stream name "a/b" contains a slash; use letters, digits, - and _.'],
    ["a\\b", undefined, 'The stream name "a\\b" contains a slash; use letters, digits, - and _.'],
    ["x".repeat(256), undefined, "The stream name is 256 characters long; keep it under 256."],
  ];
  it.each(cases)("%j (%s) → the sentence", (name, what, sentence) => {
    expect(what === undefined ? nameProblem(name) : nameProblem(name, what)).toBe(sentence);
  });
});
