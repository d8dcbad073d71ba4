import { Fragment, useMemo } from "react";
import { parseMarkdown, type Block, type Inline } from "../../exercises/markdown.ts";

function Inlines({ nodes }: { nodes: Inline[] }) {
  return nodes.map((n, i) => {
    switch (n.type) {
      case "text":
        return <Fragment key={i}>{n.text}</Fragment>;
      case "code":
        return <code key={i}>{n.text}</code>;
      case "strong":
        return (
          <strong key={i}>
            <Inlines nodes={n.children} />
          </strong>
        );
      case "em":
        return (
          <em key={i}>
            <Inlines nodes={n.children} />
          </em>
        );
      case "link":
        return (
          <a key={i} href={n.href} target={n.href.startsWith("http") ? "_blank" : undefined} rel="noopener noreferrer">
            <Inlines nodes={n.children} />
          </a>
        );
    }
  });
}

function Blocks({ blocks, headingOffset }: { blocks: Block[]; headingOffset: number }) {
  return blocks.map((b, i) => {
    switch (b.type) {
      case "heading": {
        // The page already has its h1: instruction headings start one level below.
        const Tag = `h${Math.min(6, b.level + headingOffset)}` as "h2";
        return (
          <Tag key={i}>
            <Inlines nodes={b.children} />
          </Tag>
        );
      }
      case "paragraph":
        return (
          <p key={i}>
            <Inlines nodes={b.children} />
          </p>
        );
      case "code":
        return (
          <pre key={i} className="ex-code" data-lang={b.lang || undefined}>
            <code>{b.text}</code>
          </pre>
        );
      case "list": {
        const Tag = b.ordered ? "ol" : "ul";
        return (
          <Tag key={i}>
            {b.items.map((item, j) => (
              <li key={j}>
                <Inlines nodes={item.children} />
                {item.nested.length > 0 && <Blocks blocks={item.nested} headingOffset={headingOffset} />}
              </li>
            ))}
          </Tag>
        );
      }
    }
  });
}

/** Renders exercise Markdown as React elements (never as an HTML string). */
export function Markdown({ source, headingOffset = 1 }: { source: string; headingOffset?: number }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <div className="ex-markdown">
      <Blocks blocks={blocks} headingOffset={headingOffset} />
    </div>
  );
}
