import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMistakeHeader } from "./mistakes.ts";

const EXERCISES_DIR = path.resolve(import.meta.dirname, "../../../exercises");

/** `t.check("name…` or `t.check(\`name…` in a check.ts source. */
const checkNamed = (name: string) => new RegExp(`t\\.check\\(\\s*["'\`]${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);

/** Every exercises/<folder>/mistakes/<file>.ts. */
function mistakeFiles(): [string, string][] {
  return readdirSync(EXERCISES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(EXERCISES_DIR, d.name, "mistakes")))
    .flatMap((d) =>
      readdirSync(path.join(EXERCISES_DIR, d.name, "mistakes"))
        .filter((f) => f.endsWith(".ts"))
        .map((f): [string, string] => [d.name, f]),
    );
}

describe("parseMistakeHeader", () => {
  it("reads the mistake and every check it must fail", () => {
    const src = "// Mistake: counts twice.\n// Fails: no double count\n//Fails: totals match\n\nexport default async function main() {}\n";
    expect(parseMistakeHeader(src)).toEqual({ mistake: "counts twice.", fails: ["no double count", "totals match"] });
  });

  it("stops at the first line that is not a comment", () => {
    const src = "// Mistake: x\nconst a = 1;\n// Fails: too late\n";
    expect(() => parseMistakeHeader(src)).toThrow(/at least one check/);
  });

  it("says what is missing", () => {
    expect(() => parseMistakeHeader("// Fails: a\n")).toThrow(/Mistake:/);
    expect(() => parseMistakeHeader("export default 1;\n")).toThrow(/Mistake:/);
  });
});

describe("the exercises' mistake files", () => {
  const files = mistakeFiles();
  it("exist for the exercises whose checks inject faults", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)("%s/mistakes/%s names checks that its check.ts has", (folder, file) => {
    const { fails } = parseMistakeHeader(readFileSync(path.join(EXERCISES_DIR, folder, "mistakes", file), "utf8"));
    const checks = readFileSync(path.join(EXERCISES_DIR, folder, "check.ts"), "utf8");
    for (const name of fails) expect(checks, `check.ts has no check whose name starts "${name}"`).toMatch(checkNamed(name));
  });
});
