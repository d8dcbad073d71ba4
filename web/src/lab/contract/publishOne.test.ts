import { describe, expect, it } from "vitest";
import { fullSubject, msgIdProblem, payloadBytes, payloadProblem, publishOneProblems, publishSubjectProblem } from "./publishOne.ts";

const NS = "lab.k7m2qx";

describe("publish one event: subject", () => {
  it("is relative to the namespace unless typed in full", () => {
    expect(fullSubject("core.events", NS)).toBe("lab.k7m2qx.core.events");
    expect(fullSubject("  core.events ", NS)).toBe("lab.k7m2qx.core.events");
    expect(fullSubject("lab.k7m2qx.core.events", NS)).toBe("lab.k7m2qx.core.events");
    // Another participant's subject stays inside this namespace: nobody can reach another's lanes.
    expect(fullSubject("lab.other1.core.events", NS)).toBe("lab.k7m2qx.lab.other1.core.events");
    expect(fullSubject("lab.k7m2qx", NS)).toBe("lab.k7m2qx.lab.k7m2qx");
  });

  it.each([
    ["", /Enter a subject/],
    ["   ", /Enter a subject/],
    ["core.*", /wildcard/],
    ["core.>", /wildcard/],
    [">", /wildcard/],
    ["core events", /contains a space/],
    ["core\tevents", /contains a space/],
    ["a..b", /empty part/],
    [".core", /empty part/],
    ["core.", /empty part/],
    ["co*re", /wildcard/],
  ])("refuses %j", (typed, message) => {
    expect(publishSubjectProblem(typed, NS)).toMatch(message);
  });

  it("accepts ordinary subjects", () => {
    for (const s of ["core.events", "dedupe.events", "x", "orders.created.eu-1", `${NS}.core.events`])
      expect(publishSubjectProblem(s, NS)).toBeNull();
  });
});

describe("publish one event: payload and Nats-Msg-Id", () => {
  it("counts UTF-8 bytes, not characters", () => {
    expect(payloadBytes("héllo")).toBe(6);
    expect(payloadBytes("")).toBe(0);
  });

  it("refuses a payload over the server's max_payload, naming both sizes", () => {
    expect(payloadProblem("x".repeat(1024), 1024)).toBeNull();
    expect(payloadProblem("x".repeat(1025), 1024)).toBe(
      "The payload is 1,025 bytes, but this server accepts at most 1,024 bytes per message (its max_payload).",
    );
    expect(payloadProblem("é".repeat(600), 1024)).toMatch(/1,200 bytes/);
    // Unknown until connected: the engine checks on its connection.
    expect(payloadProblem("x".repeat(10_000_000), undefined)).toBeNull();
  });

  it("checks the Nats-Msg-Id only when one is given", () => {
    expect(msgIdProblem("")).toBeNull();
    expect(msgIdProblem("tx-1")).toBeNull();
    expect(msgIdProblem("a\nb")).toMatch(/one line/);
    expect(msgIdProblem(" tx-1")).toMatch(/starts or ends with a space/);
    expect(msgIdProblem("x".repeat(257))).toMatch(/257 characters/);
  });

  it("reports every field at once", () => {
    expect(publishOneProblems({ subject: "a.*", payload: "xx", msgId: "a\n" }, NS, 1)).toEqual({
      subject: expect.stringMatching(/wildcard/),
      payload: expect.stringMatching(/2 bytes/),
      msgId: expect.stringMatching(/one line/),
    });
    expect(publishOneProblems({ subject: "core.events", payload: "{}", msgId: "" }, NS, 1024)).toEqual({});
  });
});
