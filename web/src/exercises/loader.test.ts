import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "./frontmatter.ts";
import { DEFAULT_TIME_LIMIT_SECONDS, loadExercise, loadExercises, serverNamesIn, splitHints, type ExerciseFolder } from "./loader.ts";

const EXERCISES_DIR = path.resolve(import.meta.dirname, "../../../exercises");
const FILES = ["README.md", "starter.ts", "solution.ts", "check.ts", "hints.md"] as const;

/** The real exercises/ folder, read the way the app's import.meta.glob sees it. */
function realFolders(): ExerciseFolder[] {
  return readdirSync(EXERCISES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const files: ExerciseFolder["files"] = {};
      for (const f of FILES) {
        const p = path.join(EXERCISES_DIR, d.name, f);
        if (existsSync(p)) files[f] = readFileSync(p, "utf8");
      }
      return { folder: d.name, files };
    });
}

const README = "---\ntitle: T\nminutes: 5\nconcepts: [a, b]\n---\n\n# T\n\nBody.";
const good = (over: Partial<ExerciseFolder["files"]> = {}, folder = "07-good-one"): ExerciseFolder => ({
  folder,
  files: {
    "README.md": README,
    "starter.ts": "export default async function main() {}",
    "solution.ts": "export default function main() {}",
    "check.ts": "",
    ...over,
  },
});

describe("the exercises/ folder", () => {
  const folders = realFolders();
  it.each(folders.map((f) => [f.folder, f]))("%s loads without problems", (_name, folder) => {
    expect(() => loadExercise(folder)).not.toThrow();
  });

  it("has no malformed folder and no duplicate numbers", () => {
    expect(folders.length).toBeGreaterThanOrEqual(3);
    expect(loadExercises(folders).problems).toEqual([]);
  });

  it.each(folders.map((f) => [f.folder]))("%s/check.ts exports a check function", async (folder) => {
    const mod = (await import(path.join(EXERCISES_DIR, folder, "check.ts"))) as { default: unknown };
    expect(typeof mod.default).toBe("function");
  });
});

describe("loadExercise", () => {
  it("reads front matter, instructions, code and hints", () => {
    const e = loadExercise(good({ "hints.md": "one\n\n---\n\ntwo `x`\n---\n" }));
    expect(e).toMatchObject({ slug: "07-good-one", number: 7, title: "T", minutes: 5, concepts: ["a", "b"] });
    expect(e.timeLimitSeconds).toBe(DEFAULT_TIME_LIMIT_SECONDS);
    expect(e.instructions).toBe("Body."); // the title heading is not repeated
    expect(e.hints).toEqual(["one", "two `x`"]);
  });

  it("takes a per-exercise time limit and block lists", () => {
    const readme = "---\ntitle: 'Quoted'\nminutes: 3\ntimeLimitSeconds: 7\nconcepts:\n  - one\n  - two\n---\nx";
    expect(loadExercise(good({ "README.md": readme }))).toMatchObject({ title: "Quoted", timeLimitSeconds: 7, concepts: ["one", "two"] });
  });

  it.each([
    ["a bad folder name", good({}, "7-bad"), /exercises\/7-bad: the folder name must look like "NN-slug"/],
    ["a missing file", good({ "check.ts": undefined }), /exercises\/07-good-one: missing check.ts/],
    ["no front matter", good({ "README.md": "# Title" }), /07-good-one: README.md must start with front matter/],
    ["an unclosed front matter", good({ "README.md": "---\ntitle: x\n" }), /no closing `---`/],
    ["a missing title", good({ "README.md": "---\nminutes: 5\nconcepts: [a]\n---\n" }), /07-good-one: front matter needs a "title"/],
    ["bad minutes", good({ "README.md": "---\ntitle: T\nminutes: soon\nconcepts: [a]\n---\n" }), /"minutes" must be a whole number/],
    ["no concepts", good({ "README.md": "---\ntitle: T\nminutes: 5\n---\n" }), /needs "concepts"/],
    ["a typo in a key", good({ "README.md": "---\ntitle: T\nminute: 5\nconcepts: [a]\n---\n" }), /unknown front matter "minute"/],
    [
      "a time limit out of range",
      good({ "README.md": "---\ntitle: T\nminutes: 5\nconcepts: [a]\ntimeLimitSeconds: 0\n---\n" }),
      /timeLimitSeconds/,
    ],
    ["a starter without main", good({ "starter.ts": "const x = 1;" }), /starter.ts must `export default async function main/],
  ])("names the folder for %s", (_what, folder, message) => {
    expect(() => loadExercise(folder)).toThrow(message);
  });

  it("collects problems instead of throwing, and spots duplicate numbers", () => {
    const { exercises, problems } = loadExercises([
      good({}, "02-b"),
      good({}, "01-a"),
      good({}, "02-c"),
      good({ "starter.ts": undefined }, "03-d"),
    ]);
    expect(exercises.map((e) => e.slug)).toEqual(["01-a", "02-b", "02-c"]);
    expect(problems).toEqual(["exercises/03-d: missing starter.ts.", "exercises/02-c: number 2 is also used by 02-b."]);
  });
});

describe("front matter and hints", () => {
  it("rejects lines that are not key: value, and repeated keys", () => {
    expect(() => parseFrontMatter("---\njust text\n---\n")).toThrow(/line 2 is not "key: value"/);
    expect(() => parseFrontMatter("---\n- item\n---\n")).toThrow(/line 2 is not "key: value"/);
    expect(() => parseFrontMatter("---\ntitle: T\n? [a]\n: b\n---\n")).toThrow(/line 3 is not "key: value"/);
    expect(() => parseFrontMatter("---\na: 1\na: 2\n---\n")).toThrow(/sets "a" twice/);
  });

  it("reads YAML: quotes, comments, both list forms, a BOM and CRLF line ends; every value as text", () => {
    const text =
      '\uFEFF---\r\ntitle: "Capstone: x"\r\n# a comment\r\nminutes: 05\r\nconcepts: [a b, "c, d"]\r\nmore:\r\n  - e\r\n---\r\n# T\r\nBody';
    expect(parseFrontMatter(text)).toEqual({
      data: { title: "Capstone: x", minutes: "05", concepts: ["a b", "c, d"], more: ["e"] },
      body: "# T\nBody",
    });
    expect(parseFrontMatter("---\n---\nx")).toEqual({ data: {}, body: "x" });
  });

  it("names the line of a YAML mistake, and refuses values that are not text or a list of texts", () => {
    expect(() => parseFrontMatter("---\ntitle: x\ntitle2: Capstone: x\n---\n")).toThrow(
      /^front matter line 3: .*\(put quotes around a value that holds ": "\)\.$/,
    );
    expect(() => parseFrontMatter("---\nconcepts: [a, b\n---\n")).toThrow(/^front matter line \d: /);
    expect(() => parseFrontMatter("---\nconcepts: {a: 1}\n---\n")).toThrow(/"concepts" must be a text or a list of texts/);
    expect(() => parseFrontMatter("---\nconcepts: [[a]]\n---\n")).toThrow(/"concepts" must be a text or a list of texts/);
    expect(() => parseFrontMatter("---\na: &x [1]\nconcepts: *x\n---\n")).toThrow(/"concepts" must be a text or a list/);
  });

  it("keeps the loader's own checks on YAML values", () => {
    const readme = (fm: string) => good({ "README.md": `---\ntitle: T\nconcepts: [a]\n${fm}\n---\n` });
    expect(() => loadExercise(readme("minutes: 5.0"))).toThrow(/"minutes" must be a whole number from 1 to 240, got "5.0"/);
    expect(() => loadExercise(readme("minutes: [5]"))).toThrow(/"minutes" must be a whole number/);
    expect(() => loadExercise(good({ "README.md": "---\ntitle: [T]\nminutes: 5\nconcepts: [a]\n---\n" }))).toThrow(/needs a "title"/);
    expect(() => loadExercise(good({ "README.md": "---\ntitle: T\nminutes: 5\nconcepts: a\n---\n" }))).toThrow(/needs "concepts"/);
    expect(() => loadExercise(good({ "README.md": "---\ntitle: T\nminutes: 5\nconcepts: []\n---\n" }))).toThrow(/needs "concepts"/);
  });

  it("has no hints without hints.md", () => {
    expect(splitHints(undefined)).toEqual([]);
  });
});

describe("serverNamesIn (what Reset my server state deletes)", () => {
  it("finds the streams and KV buckets the code names through ctx, once each", () => {
    const starter = 'const s = ctx.stream("orders");\nawait ctx.kv("processed", { history: 1 });';
    const solution = 'ctx.stream(\'orders\'); ctx.stream(`dlq`); ctx.bucket("processed"); ctx.subject("x"); ctx.consumer("w");';
    expect(serverNamesIn(starter, solution)).toEqual({ streams: ["dlq", "orders"], buckets: ["processed"] });
  });

  it("every exercise that creates a stream has names to reset", () => {
    for (const ex of loadExercises(realFolders()).exercises) {
      if (/streams\.add\(/.test(ex.solution)) expect(ex.serverNames.streams.length, ex.slug).toBeGreaterThan(0);
    }
  });
});
