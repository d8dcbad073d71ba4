import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown, safeHref } from "./markdown.ts";

describe("parseMarkdown", () => {
  it("reads headings, paragraphs joined across lines, and fenced code kept verbatim", () => {
    const blocks = parseMarkdown("# Title\n\nOne\ntwo.\n\n```ts\nconst a = 1;\n  <b>x</b>\n```\n## Next ##");
    expect(blocks).toEqual([
      { type: "heading", level: 1, children: [{ type: "text", text: "Title" }] },
      { type: "paragraph", children: [{ type: "text", text: "One two." }] },
      { type: "code", lang: "ts", text: "const a = 1;\n  <b>x</b>" },
      { type: "heading", level: 2, children: [{ type: "text", text: "Next" }] },
    ]);
  });

  it("reads ordered lists with continuation lines and a nested list", () => {
    const [list] = parseMarkdown("1. First\n   goes on\n   - sub a\n   - sub b\n2. Second\n\nAfter");
    expect(list).toMatchObject({ type: "list", ordered: true });
    if (list?.type !== "list") throw new Error("not a list");
    expect(list.items.map((i) => i.children)).toEqual([[{ type: "text", text: "First goes on" }], [{ type: "text", text: "Second" }]]);
    expect(list.items[0]?.nested).toEqual([
      {
        type: "list",
        ordered: false,
        items: [
          { children: [{ type: "text", text: "sub a" }], nested: [] },
          { children: [{ type: "text", text: "sub b" }], nested: [] },
        ],
      },
    ]);
  });

  it("keeps HTML as text: nothing is ever injected as markup", () => {
    expect(parseMarkdown('<script>alert("x")</script>')).toEqual([
      { type: "paragraph", children: [{ type: "text", text: '<script>alert("x")</script>' }] },
    ]);
  });
});

describe("parseInline", () => {
  it("reads code, strong, emphasis and links", () => {
    expect(parseInline("Use `js.publish` **now**, *really* [docs](https://nats.io).")).toEqual([
      { type: "text", text: "Use " },
      { type: "code", text: "js.publish" },
      { type: "text", text: " " },
      { type: "strong", children: [{ type: "text", text: "now" }] },
      { type: "text", text: ", " },
      { type: "em", children: [{ type: "text", text: "really" }] },
      { type: "text", text: " " },
      { type: "link", href: "https://nats.io", children: [{ type: "text", text: "docs" }] },
      { type: "text", text: "." },
    ]);
  });

  it("does not read emphasis inside code", () => {
    expect(parseInline("`a * b * c`")).toEqual([{ type: "code", text: "a * b * c" }]);
  });

  it("turns unsafe links into plain text", () => {
    expect(parseInline("[click](javascript:alert(1))")[0]).toMatchObject({ type: "text" });
    expect(safeHref("data:text/html,x")).toBeNull();
    expect(safeHref("#/exercises")).toBe("#/exercises");
  });
});
