import { describe, expect, it } from "vitest";
import { createNamespace, newParticipantId, participantIdProblem } from "./namespace.ts";
import { nameProblem, subjectProblem } from "./names.ts";

describe("participant ids", () => {
  it.each(["k7m2qx", "ab", "team-3", "0abc", "a".repeat(31)])("accepts %s", (pid) => {
    expect(participantIdProblem(pid)).toBeNull();
  });

  it.each(["", "a", "K7M2QX", "-abc", "a b", "a.b", "a_b", "a".repeat(32)])("rejects %j with the rule", (pid) => {
    expect(participantIdProblem(pid)).toBe(`"${pid}" is not a usable participant id: 2–31 lower-case letters, digits or dashes.`);
  });

  it("generates readable ids from a fixed alphabet (no 0/o, 1/l/i) that pass the rule", () => {
    let n = 0;
    const steps = () => ((n = (n + 0.137) % 1), n);
    for (let i = 0; i < 50; i++) {
      const id = newParticipantId(steps);
      expect(id).toMatch(/^[a-hjkmnp-z2-9]{6}$/);
      expect(participantIdProblem(id)).toBeNull();
    }
    expect(newParticipantId(() => 0)).toBe("aaaaaa");
    expect(newParticipantId(() => 0.999999, 4)).toBe("9999");
  });
});

describe("createNamespace", () => {
  const ns = createNamespace("k7m2qx", "lab");

  it("puts the participant in every subject, stream and consumer name", () => {
    expect(ns.pid).toBe("k7m2qx");
    expect(ns.area).toBe("lab");
    expect(ns.subject("core", "events")).toBe("lab.k7m2qx.core.events");
    expect(ns.allSubjects).toBe("lab.k7m2qx.>");
    expect(ns.stream("js")).toBe("LAB_K7M2QX_JS");
    expect(ns.consumer("durable")).toBe("lab_k7m2qx_durable");
    expect(ns.streamPrefix).toBe("LAB_K7M2QX_");
    expect(ns.stream("js").startsWith(ns.streamPrefix)).toBe(true);
  });

  it("makes names the server accepts, even from a dashed id", () => {
    const dashed = createNamespace("team-3", "ex");
    expect(dashed.stream("orders")).toBe("EX_TEAM-3_ORDERS");
    expect(dashed.consumer("worker")).toBe("ex_team-3_worker");
    expect(nameProblem(dashed.stream("orders"))).toBeNull();
    expect(nameProblem(dashed.consumer("worker"), "consumer name")).toBeNull();
    expect(subjectProblem(dashed.subject("orders", "created"), { publish: true })).toBeNull();
    expect(subjectProblem(dashed.allSubjects, { publish: false })).toBeNull();
  });

  it("keeps two participants apart: neither's prefix covers the other's names", () => {
    const a = createNamespace("ab", "lab");
    const b = createNamespace("abc", "lab");
    expect(b.stream("js").startsWith(a.streamPrefix)).toBe(false);
    expect(a.stream("js").startsWith(b.streamPrefix)).toBe(false);
    expect(b.subject("x").startsWith(a.allSubjects.slice(0, -1))).toBe(false);
  });

  it("keeps a dashed id apart from the id before its dash (reset of one must not match the other)", () => {
    const short = createNamespace("ab", "lab");
    const dashed = createNamespace("ab-cd", "lab");
    expect(dashed.stream("js").startsWith(short.streamPrefix)).toBe(false);
    expect(short.stream("cd_js").startsWith(dashed.streamPrefix)).toBe(false);
    expect(short.stream("cd_js")).not.toBe(dashed.stream("js"));
  });

  it("defaults the area to lab", () => {
    expect(createNamespace("k7m2qx").subject("x")).toBe("lab.k7m2qx.x");
  });

  it("refuses a bad participant id, area or name with the rule's sentence", () => {
    expect(() => createNamespace("Bad Id")).toThrow('"Bad Id" is not a usable participant id: 2–31 lower-case letters, digits or dashes.');
    expect(() => createNamespace("k7m2qx", "la.b")).toThrow(
      'The area "la.b" contains ".", "*" or ">", which names cannot hold; use letters, digits, - and _.',
    );
    expect(() => ns.stream("a.b")).toThrow(
      'The name "a.b" contains ".", "*" or ">", which names cannot hold; use letters, digits, - and _.',
    );
    expect(() => ns.consumer("")).toThrow("The name is empty.");
  });
});
