import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "../features/exercises/Markdown.tsx";
import { parseFrontMatter } from "./frontmatter.ts";

// Property tests: rendering exercise Markdown (react-markdown, GFM, this page's tree passes) ends on
// every input (an exercise README, or a learner's pasted text, must never hang the page or run it out
// of memory), what it shows is made of the input's own text, and no input yields a live element
// or a script URL. Inputs are built from the pieces Markdown is made of, so fences, lists, tables,
// quotes, nesting, emphasis, raw HTML and unsafe links meet in every combination, plus long lines.

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
  "- [ ] ",
  "# ",
  "###### ",
  "---",
  "| a | b |",
  "|---|:-:|",
  "|",
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
  "~~",
  "[",
  "](",
  "](#x)",
  "](https://nats.io)",
  "](javascript:alert(1))",
  "<javascript:alert(1)>",
  ")",
  "![",
  "[^1]",
  "[^1]: ",
  "\n\n[^1]: note\n\n",
  "www.nats.io",
  "&amp;",
  "<img src=x onerror=alert(1)>",
  "<script>",
  "</script>",
  '<a href="javascript:x">',
  "word",
  "x".repeat(5_000),
];

const markdownish = fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }).map((parts) => parts.join(""));
const withFrontMatter = fc
  .tuple(
    fc.array(
      fc.constantFrom("title: x", "minutes: 5", "concepts: [a, b]", "- item", "key:", "bad line", "a: b: c", "[x", "&a x", "*a", "", "---"),
      { maxLength: 12 },
    ),
    markdownish,
  )
  .map(([fm, body]) => `---\n${fm.join("\n")}\n---\n${body}`);

const render = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

/** The text a reader sees: the markup without its tags, character references decoded. */
function visibleText(markup: string): string {
  const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
  return markup
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[\da-f]+|#\d+|\w+);/gi, (ref, name: string) =>
      name.startsWith("#")
        ? String.fromCodePoint(Number(name.startsWith("#x") ? `0${name.slice(1)}` : name.slice(1)))
        : (named[name] ?? ref),
    );
}

const nonSpace = (s: string) => s.replace(/\s/g, "");

/** Tags and their attributes in the markup: what the browser would make elements of (React quotes every value). */
const tags = (markup: string) =>
  [...markup.matchAll(/<([a-z][a-z0-9]*)\b([^>]*)>/g)].map((m) => ({
    name: m[1] as string,
    attrs: [...(m[2] as string).matchAll(/\s([^\s="/>]+)(?:="([^"]*)")?/g)].map((a) => ({ name: a[1] as string, value: a[2] ?? "" })),
  }));
// (link: React's server renderer adds <link rel="preload"> for an image; the browser's DOM has none.)
const ELEMENTS = new Set(
  "div p h1 h2 h3 h4 h5 h6 em strong del code pre a ul ol li blockquote table thead tbody tr th td input img br hr link".split(" "),
);

describe("rendering exercise Markdown ends on every input", () => {
  it("random fences, lists, tables, quotes, nesting, emphasis, HTML and long lines", () => {
    fc.assert(
      fc.property(markdownish, (source) => {
        const markup = render(source);
        // Nothing is invented: every character shown comes from the input, and no more of them.
        const shown = nonSpace(visibleText(markup));
        expect(shown.length).toBeLessThanOrEqual(nonSpace(source).length);
        const own = new Set(source);
        expect([...shown].filter((c) => !own.has(c))).toEqual([]);
        // Nothing is live: only Markdown's own elements, no event handlers, no script URLs.
        for (const { name, attrs } of tags(markup)) {
          expect(ELEMENTS.has(name), name).toBe(true);
          for (const attr of attrs) {
            expect(attr.name).not.toMatch(/^on/i);
            if (attr.name === "href" || attr.name === "src") expect(attr.value).not.toMatch(/^\s*(javascript|data|vbscript):/i);
          }
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it("front matter: returns or throws a sentence on any input, and the body renders", () => {
    fc.assert(
      fc.property(withFrontMatter, (text) => {
        try {
          const { body } = parseFrontMatter(text);
          expect(typeof render(body)).toBe("string");
        } catch (err) {
          expect(err).toBeInstanceOf(Error);
          expect((err as Error).message).toMatch(/front matter|README\.md/);
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it("deeply nested quotes and lists render (this page's tree passes are loops, not recursion)", () => {
    expect(render(`${"> ".repeat(1_500)}deep`)).toContain("deep</p>");
    expect(render(`${"- ".repeat(1_000)}deep`)).toContain("deep</li>");
  }, 60_000);
});
