import ts from "typescript";
import { describe, expect, it } from "vitest";
import { decodeVlq, originalPosition } from "./sourcemap.ts";
import { frameInModule, locateError } from "./stack.ts";

/** Compiles like the editor does (types erased, blank lines and interfaces dropped), with a source map. */
function compile(source: string): { js: string; map: string } {
  const out = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: true },
  });
  return { js: out.outputText, map: out.sourceMapText as string };
}

const SOURCE = [
  "interface Order {", // 1
  "  id: string;", // 2
  "}", // 3
  "", // 4
  "export default async function main(ctx: ExerciseContext): Promise<void> {", // 5
  "  const order: Order = { id: 'a' };", // 6
  "", // 7
  "  ctx.log(order);", // 8
  '  throw new Error("boom");', // 9
  "}", // 10
].join("\n");

describe("source maps", () => {
  it("decodes base64 VLQ fields", () => {
    expect(decodeVlq("AAAA")).toEqual([0, 0, 0, 0]);
    expect(decodeVlq("SAAS")).toEqual([9, 0, 0, 9]);
    expect(decodeVlq("D")).toEqual([-1]);
    expect(decodeVlq("gB")).toEqual([16]);
  });

  it("maps a line of the emitted JavaScript back to the participant's TypeScript", () => {
    const { js, map } = compile(SOURCE);
    const jsLines = js.split("\n");
    const throwLine = jsLines.findIndex((l) => l.includes("throw new Error")) + 1;
    expect(throwLine).toBeLessThan(9); // the interface and blank lines are gone: lines shifted
    const column = (jsLines[throwLine - 1] as string).indexOf("throw") + 1;
    expect(originalPosition(map, throwLine, column)).toEqual({ line: 9, column: 3 });
  });

  it("says nothing for lines or maps it cannot read", () => {
    expect(originalPosition("not json", 1, 1)).toBeNull();
    expect(originalPosition(JSON.stringify({ mappings: "AAAA" }), 5, 1)).toBeNull();
  });
});

describe("error positions", () => {
  const url = "blob:http://localhost:4173/9b1c2d3e-aaaa-bbbb-cccc-123456789abc";

  it("finds the first frame inside the participant's module", () => {
    const stack = `Error: boom\n    at helper (http://localhost:4173/assets/worker.js:1:200)\n    at main (${url}:7:9)\n    at async run (${url}:2:1)`;
    expect(frameInModule(stack, url)).toEqual({ line: 7, column: 9 });
    expect(frameInModule("Error: x\n    at foo (other.js:1:1)", url)).toBeNull();
  });

  it("places a thrown error at the participant's line through the source map", () => {
    const { js, map } = compile(SOURCE);
    const jsLines = js.split("\n");
    const line = jsLines.findIndex((l) => l.includes("throw new Error")) + 1;
    const column = (jsLines[line - 1] as string).indexOf("throw") + 7;
    const err = new Error("boom");
    err.stack = `Error: boom\n    at main (${url}:${line}:${column})`;
    expect(locateError(err, url, map)?.line).toBe(9);
    expect(locateError(err, url, null)).toEqual({ line, column });
    expect(locateError("not an error", url, map)).toBeNull();
  });
});
