import { readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { defaultUrlTransform } from "react-markdown";
import { describe, expect, it } from "vitest";
import { Markdown } from "../features/exercises/Markdown.tsx";
import { parseFrontMatter } from "./frontmatter.ts";
import { isExternal, markdownOptions } from "./markdown.ts";

/** What the exercise page puts in the DOM for this Markdown. */
const html = (source: string, headingOffset?: number) =>
  renderToStaticMarkup(createElement(Markdown, { source, headingOffset }))
    .replace(/^<div class="ex-markdown">|<\/div>$/g, "")
    .trim();

const EXERCISES_DIR = path.resolve(import.meta.dirname, "../../../exercises");
const readme = (folder: string) => parseFrontMatter(readFileSync(path.join(EXERCISES_DIR, folder, "README.md"), "utf8")).body;
/** Each table row's cells, as markup. */
const rows = (markup: string) =>
  [...markup.matchAll(/<tr>(.*?)<\/tr>/g)].map((r) => [...(r[1] as string).matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]));

describe("Markdown", () => {
  it("shifts headings below the page's h1 (hints one more), joins paragraph lines, keeps code verbatim", () => {
    expect(html("# Title\n\nOne\ntwo.\n\n```ts\nconst a = 1;\n  <b>x</b>\n```\n## Next ##")).toBe(
      '<h2>Title</h2>\n<p>One\ntwo.</p>\n<pre class="ex-code" data-lang="ts"><code>const a = 1;\n  &lt;b&gt;x&lt;/b&gt;</code></pre>\n<h3>Next</h3>',
    );
    expect(html("# Hint heading", 2)).toBe("<h3>Hint heading</h3>");
    expect(html("###### deep", 2)).toBe("<h6>deep</h6>");
  });

  it("reads a fence's language from the first word of its info string, and a longer fence holds a shorter one", () => {
    expect(html("Before\n```ts title=main.ts\nconst a = 1;\n```\nAfter")).toBe(
      '<p>Before</p>\n<pre class="ex-code" data-lang="ts"><code>const a = 1;</code></pre>\n<p>After</p>',
    );
    expect(html("````md\n```ts\nx\n```\n````\n")).toBe('<pre class="ex-code" data-lang="md"><code>```ts\nx\n```</code></pre>');
    expect(html("```\nplain\n```")).toBe('<pre class="ex-code"><code>plain</code></pre>');
  });

  it("reads ordered lists with continuation lines and a nested list", () => {
    expect(html("1. First\n   goes on\n   - sub a\n   - sub b\n2. Second\n\nAfter")).toBe(
      "<ol>\n<li>First\ngoes on\n<ul>\n<li>sub a</li>\n<li>sub b</li>\n</ul>\n</li>\n<li>Second</li>\n</ol>\n<p>After</p>",
    );
  });

  it("reads code, strong, emphasis, strikethrough and links; only web links open a new tab", () => {
    expect(html("Use `js.publish` **now**, *really* _so_ ~~not~~ [docs](https://nats.io) [here](#/exercises).")).toBe(
      "<p>Use <code>js.publish</code> <strong>now</strong>, <em>really</em> <em>so</em> <del>not</del> " +
        '<a href="https://nats.io" target="_blank" rel="noopener noreferrer">docs</a> <a href="#/exercises">here</a>.</p>',
    );
    expect(html("`a * b * c`")).toBe("<p><code>a * b * c</code></p>");
    expect(isExternal("HTTPS://nats.io")).toBe(true);
    expect(isExternal("/docs")).toBe(false);
  });

  it("puts a table in its own sideways-scrolling wrapper", () => {
    expect(html("| a | b |\n|---|:-:|\n| `1` | 2 |")).toMatch(
      /^<div class="ex-table-scroll" tabindex="0"><table><thead><tr><th>a<\/th><th[^>]*>b<\/th><\/tr><\/thead><tbody><tr><td><code>1<\/code><\/td>/,
    );
  });

  it("keeps footnote markers as the text they are (no invented Footnotes section)", () => {
    expect(html("note[^1]\n\n[^1]: the note")).toBe("<p>note[^1]</p>\n<p>[^1]: the note</p>");
  });
});

describe("the exercises' own Markdown", () => {
  it("exercise 02's wildcard table is a table, one row per wildcard", () => {
    const markup = html(readme("02-subjects-and-requests"));
    expect(markup).toContain("<table>");
    const [head, ...body] = rows(markup);
    expect(head).toEqual(["Wildcard", "Matches", "Example (inside your namespace)"]);
    expect(body).toHaveLength(2);
    expect(body[0]?.slice(0, 2)).toEqual(["<code>*</code>", "exactly one token"]);
    expect(body[0]?.[2]).toContain("<code>tx.*.debit</code> hears <code>tx.acc-1.debit</code>");
    expect(body[1]?.[0]).toBe("<code>&gt;</code>");
    expect(body[1]?.[2]).toContain("<code>tx.&gt;</code> hears");
    expect(markup).not.toMatch(/\| -{3,}/); // no raw pipes left over
  });

  it("exercise 10's quote is a blockquote", () => {
    expect(html(readme("10-capstone-exactly-once"))).toMatch(
      /<blockquote>\s*<p>exactly-once in effect = at-least-once delivery \+ idempotent, position-tracking processing<\/p>\s*<\/blockquote>/,
    );
  });
});

describe("nothing in the Markdown becomes live markup or a script URL", () => {
  it("shows raw HTML as text, never as elements", () => {
    expect(html("<img src=x onerror=alert(1)>")).toBe("&lt;img src=x onerror=alert(1)&gt;");
    expect(html('Hi <script>alert("x")</script> <b onclick="x()">b</b>')).toBe(
      "<p>Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;b onclick=&quot;x()&quot;&gt;b&lt;/b&gt;</p>",
    );
    expect(html('<iframe src="https://example.com"></iframe>')).not.toContain("<iframe");
  });

  it.each([
    ["an inline link", "[x](javascript:alert(1))"],
    ["upper case", "[x](JavaScript:alert(1))"],
    ["an entity in the scheme", "[x](java&#115;cript:alert(1))"],
    ["a reference link", "[x][r]\n\n[r]: javascript:alert(1)"],
    ["an autolink", "<javascript:alert(1)>"],
    ["a data: URL", "[x](data:text/html,<script>alert(1)</script>)"],
    ["a vbscript: URL", "[x](vbscript:msgbox(1))"],
  ])("turns %s with an unsafe scheme into plain text", (_what, source) => {
    const markup = html(source);
    expect(markup).not.toContain("<a");
    expect(markup).not.toContain("href=");
  });

  it("drops images with an unsafe address, keeping their alt text", () => {
    expect(html("![diagram](javascript:alert(1))")).toBe("<p>diagram</p>");
    expect(html("![a](/a.png)")).toContain('<p><img src="/a.png" alt="a"/></p>');
  });

  it("uses react-markdown's URL allow-list", () => {
    expect(markdownOptions().urlTransform).toBe(defaultUrlTransform);
  });
});
