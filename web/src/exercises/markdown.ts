// How exercise Markdown (instructions, hints) is rendered: react-markdown with GitHub's extensions
// (tables, strikethrough, task lists, autolinks), and two small tree passes for this page.
// Safety: raw HTML in the Markdown is never parsed into elements (react-markdown shows it as text;
// there is no rehype-raw), and every href/src goes through react-markdown's URL allow-list
// (http, https, mailto, relative…: javascript:, data: and the like become "").

import type { Element, ElementContent, Root as HastRoot } from "hast";
import type { Parent as MdastParent, Root as MdastRoot, RootContent as MdastContent } from "mdast";
import { defaultUrlTransform, type Options } from "react-markdown";
import remarkGfm from "remark-gfm";

/** An http(s) link: opens in a new tab, so the exercise and its code stay open. */
export const isExternal = (href: string) => /^https?:\/\//i.test(href);

/**
 * Footnotes (`[^1]`) back to their own text: GFM would add a "Footnotes" section with its own h2,
 * numbers and back-links, text the exercise never wrote, headings outside the page's outline.
 */
export function remarkPlainFootnotes() {
  const marker = (node: { label?: string | null | undefined; identifier: string }, after = "") =>
    ({ type: "text", value: `[^${node.label ?? node.identifier}]${after}` }) as const;
  return (tree: MdastRoot) => {
    // A loop, not recursion: deeply nested quotes and lists must not run out of stack here.
    const parents: MdastParent[] = [tree];
    for (let parent = parents.pop(); parent; parent = parents.pop()) {
      parent.children = parent.children.flatMap((node): MdastContent[] => {
        if (node.type === "footnoteReference") return [marker(node)];
        if (node.type !== "footnoteDefinition") return [node];
        const [first, ...rest] = node.children;
        return first?.type === "paragraph"
          ? [{ ...first, children: [marker(node, ": "), ...first.children] }, ...rest]
          : [{ type: "paragraph", children: [marker(node, ": ")] }, ...node.children];
      }) as typeof parent.children;
      for (const node of parent.children) if ("children" in node) parents.push(node);
    }
  };
}

/** A fenced block's language: the first word of its info string (```ts title=main.ts → "ts"). */
function codeBlock(pre: Element): void {
  const code = pre.children[0];
  if (code?.type !== "element" || code.tagName !== "code") return;
  const classes = code.properties.className;
  const language = (Array.isArray(classes) ? classes : []).map(String).find((c) => c.startsWith("language-"));
  const lang = /^[\w-]*/.exec(language?.slice("language-".length) ?? "")?.[0] ?? "";
  pre.properties = { className: ["ex-code"], dataLang: lang || undefined };
  code.properties = {};
  // mdast-util-to-hast ends every code block with a newline: the block's own text has none.
  const last = code.children.at(-1);
  if (last?.type === "text") last.value = last.value.replace(/\n$/, "");
}

/**
 * The page's conventions on the HTML tree: headings one or more levels down (the page has its h1),
 * code blocks as `<pre class="ex-code" data-lang>`, links and images that fail the URL allow-list as
 * plain text, http(s) links in a new tab, and tables in a wrapper that scrolls sideways instead of
 * widening the page.
 */
export function rehypeExercisePage({ headingOffset = 1 }: { headingOffset?: number } = {}) {
  const wrapped = new WeakSet<Element>();
  const reshape = (node: ElementContent): ElementContent[] => {
    if (node.type !== "element") return [node];
    const heading = /^h([1-6])$/.exec(node.tagName);
    if (heading) node.tagName = `h${Math.max(1, Math.min(6, Number(heading[1]) + headingOffset))}`;
    else if (node.tagName === "pre") codeBlock(node);
    else if (node.tagName === "a") {
      const href = defaultUrlTransform(String(node.properties.href ?? "").trim());
      if (!href) return node.children.flatMap(reshape); // links hold no links: this goes one level deep
      node.properties.href = href;
      if (isExternal(href)) Object.assign(node.properties, { target: "_blank", rel: ["noopener", "noreferrer"] });
    } else if (node.tagName === "img") {
      // An image whose address fails the allow-list: its alt text (an empty src would reload the page).
      const src = defaultUrlTransform(String(node.properties.src ?? "").trim());
      if (!src) return node.properties.alt ? [{ type: "text", value: String(node.properties.alt) }] : [];
      node.properties.src = src;
    } else if (node.tagName === "table" && !wrapped.has(node)) {
      wrapped.add(node);
      // Focusable, so a keyboard can scroll it too.
      return [{ type: "element", tagName: "div", properties: { className: ["ex-table-scroll"], tabIndex: 0 }, children: [node] }];
    }
    return [node];
  };
  return (tree: HastRoot) => {
    // A loop, not recursion: deeply nested quotes and lists must not run out of stack here.
    const parents: (HastRoot | Element)[] = [tree];
    for (let parent = parents.pop(); parent; parent = parents.pop()) {
      parent.children = (parent.children as ElementContent[]).flatMap(reshape) as typeof parent.children;
      for (const node of parent.children) if (node.type === "element") parents.push(node);
    }
  };
}

/** react-markdown's props for exercise text (everything but the text itself). */
export function markdownOptions(headingOffset = 1): Omit<Options, "children"> {
  return {
    remarkPlugins: [remarkGfm, remarkPlainFootnotes],
    rehypePlugins: [[rehypeExercisePage, { headingOffset }]],
    // The default, named: it is what keeps javascript: and other unsafe schemes out of href and src.
    urlTransform: defaultUrlTransform,
  };
}
