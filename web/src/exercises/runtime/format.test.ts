import { describe, expect, it } from "vitest";
import { formatLogArgs, MAX_LOG_LINE_CHARS } from "./format.ts";

describe("formatLogArgs", () => {
  it("prints like console.log: strings raw, data as JSON, errors by message, bytes as text", () => {
    expect(formatLogArgs(["received:", ["a", "b"], { seq: 1 }, 3, null])).toBe('received: ["a","b"] {"seq":1} 3 null');
    expect(formatLogArgs([new TypeError("bad")])).toBe("TypeError: bad");
    expect(formatLogArgs([new TextEncoder().encode("hi")])).toBe('Uint8Array(2) "hi"');
  });

  it("survives cycles and cuts very long lines", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatLogArgs([cyclic])).toBe("[object Object]");
    expect(formatLogArgs(["x".repeat(MAX_LOG_LINE_CHARS + 10)])).toMatch(/… \(2010 characters\)$/);
  });
});
