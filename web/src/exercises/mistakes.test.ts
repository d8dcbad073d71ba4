import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMistakeHeader } from "./mistakes.ts";

const EXERCISES_DIR = path.resolve(import.meta.dirname, "../../../exercises");
const MIN_MISTAKES_PER_EXERCISE = 4;

/** Where a check name's template has `${…}`: any text may stand there at run time. */
const HOLE = "\u0000";

/** The names check.ts gives its checks (`t.check("…"` or `t.check(\`…\``), with HOLE for each `${…}`. */
function checkNames(source: string): string[] {
  return [...source.matchAll(/t\.check\(\s*(["'`])((?:\\.|(?!\1)[\s\S])*)\1/g)].map((m) => (m[2] as string).replace(/\$\{[^}]*\}/g, HOLE));
}

/** Whether `name` is the beginning of some name the template `t` can become. */
function beginsSome(name: string, t: string): boolean {
  if (name === "") return true;
  if (t === "") return false;
  if (t[0] === HOLE) return beginsSome(name, t.slice(1)) || beginsSome(name.slice(1), t);
  return name[0] === t[0] && beginsSome(name.slice(1), t.slice(1));
}

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

describe("matching a Fails: line to check.ts", () => {
  it("reads names with values filled in at run time", () => {
    const names = checkNames("await t.check(`processes each of the ${TOTAL} transactions`, f);\nawait t.check('plain one', g);");
    expect(names.some((n) => beginsSome("processes each of the 300 trans", n))).toBe(true);
    expect(names.some((n) => beginsSome("plain", n))).toBe(true);
    expect(names.some((n) => beginsSome("processes every", n))).toBe(false);
  });
});

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
  it("are at least four per exercise: the wrong solutions each exercise's checks are proven to catch", () => {
    const folders = readdirSync(EXERCISES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory() && /^\d{2}-/.test(d.name));
    const short = folders
      .map((d) => [d.name, files.filter(([f]) => f === d.name).length] as const)
      .filter(([, n]) => n < MIN_MISTAKES_PER_EXERCISE);
    expect(short, "exercises with fewer than four mistakes/ files").toEqual([]);
  });

  it.each(files)("%s/mistakes/%s names checks that its check.ts has", (folder, file) => {
    const { fails } = parseMistakeHeader(readFileSync(path.join(EXERCISES_DIR, folder, "mistakes", file), "utf8"));
    const checks = readFileSync(path.join(EXERCISES_DIR, folder, "check.ts"), "utf8");
    const names = checkNames(checks);
    for (const name of fails)
      expect(
        names.some((n) => beginsSome(name, n)),
        `check.ts has no check whose name starts "${name}"`,
      ).toBe(true);
  });
});
