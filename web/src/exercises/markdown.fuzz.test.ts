import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "./frontmatter.ts";
import { parseInline, parseMarkdown, type Block, type Inline } from "./markdown.ts";

// Property tests: the instruction parsers end on every input (an exercise README, or a learner's
// pasted text, must never hang the page or run it out of memory), and what they return is made of
// the input's own text. Inputs are built from the pieces Markdown is made of, so fences, lists,
// nesting and emphasis meet in every combination, plus long lines.

const PIECES = [
  "```",
  "```ts",
  "```ts title=main.ts",
  "````",
  "~~~",
  "~~~ js",
  "- ",
  "* ",
  "1. ",
  "2) ",
  "# ",
  "###### ",
  "---",
  "| a | b |",
  "> ",
  " ",
  "   ",
  "\t",
  "\n",
  "\n\n",
  "\r\n",
  "`",
  "**",
  "*",
  "_",
  "[",
  "](",
  "](#x)",
  ")",
  "word",
  "x".repeat(5_000),
];

const markdownish = fc.array(fc.constantFrom(...PIECES), { maxLength: 200 }).map((parts) => parts.join(""));
const withFrontMatter = fc
  .tuple(
    fc.array(fc.constantFrom("title: x", "minutes: 5", "concepts: [a, b]", "- item", "key:", "bad line", "", "---"), { maxLength: 12 }),
    markdownish,
  )
  .map(([fm, body]) => `---\n${fm.join("\n")}\n---\n${body}`);

/** Every piece of text a parse produced. */
function texts(blocks: Block[]): string[] {
  const inline = (xs: Inline[]): string[] => xs.flatMap((x) => ("children" in x ? inline(x.children) : [x.text]));
  return blocks.flatMap((b) => {
    switch (b.type) {
      case "code":
        return [b.text];
      case "list":
        return b.items.flatMap((item) => [...inline(item.children), ...texts(item.nested)]);
      default:
        return inline(b.children);
    }
  });
}

describe("the Markdown parsers end on every input", () => {
  it("parseMarkdown: random fences, lists, nesting, emphasis and long lines", () => {
    fc.assert(
      fc.property(markdownish, (source) => {
        const blocks = parseMarkdown(source);
        // Nothing is invented: the output's text is no longer than the input.
        expect(texts(blocks).join("").length).toBeLessThanOrEqual(source.length);
      }),
      { numRuns: 2_000 },
    );
  });

  it("parseInline: any mix of emphasis, code and link markers", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("`", "**", "*", "_", "[", "](", ")", "a", " ", "(x)"), { maxLength: 300 }), (parts) => {
        const out = parseInline(parts.join(""));
        expect(Array.isArray(out)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it("parseFrontMatter: returns or throws a sentence, on any front matter", () => {
    fc.assert(
      fc.property(withFrontMatter, (text) => {
        try {
          const { body } = parseFrontMatter(text);
          parseMarkdown(body);
        } catch (err) {
          expect(err).toBeInstanceOf(Error);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it("a fence with an info string after the language opens and closes a code block (it used to never end)", () => {
    const blocks = parseMarkdown("Before\n```ts title=main.ts\nconst a = 1;\n```\nAfter");
    expect(blocks).toEqual([
      { type: "paragraph", children: [{ type: "text", text: "Before" }] },
      { type: "code", lang: "ts", text: "const a = 1;" },
      { type: "paragraph", children: [{ type: "text", text: "After" }] },
    ]);
  });

  it("a longer fence holds a shorter one inside", () => {
    expect(parseMarkdown("````md\n```ts\nx\n```\n````\n")).toEqual([{ type: "code", lang: "md", text: "```ts\nx\n```" }]);
  });
});
