// A small Markdown subset for exercise instructions, parsed to data so React renders it as elements:
// no HTML string ever reaches the page (exercise text cannot inject markup or scripts).

export type Inline =
  | { type: "text"; text: string }
  | { type: "code"; text: string }
  | { type: "strong"; children: Inline[] }
  | { type: "em"; children: Inline[] }
  | { type: "link"; href: string; children: Inline[] };

export type Block =
  | { type: "heading"; level: number; children: Inline[] }
  | { type: "paragraph"; children: Inline[] }
  | { type: "list"; ordered: boolean; items: ListItem[] }
  | { type: "code"; lang: string; text: string };

/** A list item: its text, and blocks indented under it (a nested list, a code block). */
export interface ListItem {
  children: Inline[];
  nested: Block[];
}

/** Links may go to the web or stay on the page; anything else (javascript:, data:) stays text. */
export function safeHref(href: string): string | null {
  return /^(https?:\/\/|#|\/)/i.test(href.trim()) ? href.trim() : null;
}

const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|\*([^*\s][^*]*?)\*|_([^_\s][^_]*?)_|\[([^\]]+)\]\(([^)\s]+)\)/;

/** Inline spans: `code`, **strong**, *em* or _em_, [text](href). */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  while (rest) {
    const m = INLINE.exec(rest);
    if (!m) {
      out.push({ type: "text", text: rest });
      break;
    }
    if (m.index > 0) out.push({ type: "text", text: rest.slice(0, m.index) });
    const [whole, code, strong, em1, em2, linkText, href] = m;
    if (code !== undefined) out.push({ type: "code", text: code });
    else if (strong !== undefined) out.push({ type: "strong", children: parseInline(strong) });
    else if (em1 !== undefined || em2 !== undefined) out.push({ type: "em", children: parseInline((em1 ?? em2) as string) });
    else {
      const safe = safeHref(href as string);
      const children = parseInline(linkText as string);
      out.push(safe ? { type: "link", href: safe, children } : { type: "text", text: linkText as string });
    }
    rest = rest.slice(m.index + whole.length);
  }
  return out;
}

const LIST_ITEM = /^\s{0,3}([-*]|\d+[.)])\s+(.*)$/;
/** A fence opening a code block: three or more backticks or tildes, then an info string (its first word is the language). */
const FENCE_OPEN = /^\s*(`{3,}|~{3,})\s*([^`]*)$/;

const indentOf = (line: string) => line.length - line.trimStart().length;
const isOrdered = (marker: string) => /\d/.test(marker);

/** A list starting at `start`; returns it and the index of the first line after it. */
function parseList(lines: string[], start: number): [Block, number] {
  const base = indentOf(lines[start] as string);
  const ordered = isOrdered((LIST_ITEM.exec(lines[start] as string) as RegExpExecArray)[1] as string);
  const items: { text: string; nested: string[] }[] = [];
  let i = start;
  while (i < lines.length) {
    const l = lines[i] as string;
    const marker = LIST_ITEM.exec(l);
    const last = items[items.length - 1];
    if (marker && indentOf(l) <= base + 1 && isOrdered(marker[1] as string) === ordered) items.push({ text: marker[2] ?? "", nested: [] });
    else if (last && l.trim() && indentOf(l) > base + 1) {
      // Indented under an item: more of its sentence, or (once a sub-list or code starts) nested blocks.
      if (last.nested.length === 0 && !LIST_ITEM.test(l) && !FENCE_OPEN.test(l)) last.text += ` ${l.trim()}`;
      else last.nested.push(l);
    } else break;
    i++;
  }
  const dedent = (block: string[]) => {
    const cut = Math.min(...block.map(indentOf));
    return block.map((l) => l.slice(cut)).join("\n");
  };
  const parsed = items.map((it) => ({ children: parseInline(it.text), nested: it.nested.length ? parseMarkdown(dedent(it.nested)) : [] }));
  return [{ type: "list", ordered, items: parsed }, i];
}

/** Block structure: headings, paragraphs, lists (continuation lines indented), fenced code. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const fence = FENCE_OPEN.exec(line);
    if (fence) {
      // Closed by a line of the same character, at least as long (```` ```ts title=main.ts ```` opens one too).
      const marker = fence[1] as string;
      const closing = new RegExp(`^\\s*${marker[0] === "`" ? "`" : "~"}{${marker.length},}\\s*$`);
      const body: string[] = [];
      i++;
      while (i < lines.length && !closing.test(lines[i] as string)) body.push(lines[i++] as string);
      i++; // closing fence (or end of text)
      blocks.push({ type: "code", lang: /^[\w-]*/.exec(fence[2] ?? "")?.[0] ?? "", text: body.join("\n") });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      blocks.push({ type: "heading", level: (heading[1] as string).length, children: parseInline(heading[2] ?? "") });
      i++;
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const [list, next] = parseList(lines, i);
      blocks.push(list);
      i = next;
      continue;
    }
    if (!line.trim()) {
      i++;
      continue;
    }
    // A paragraph: at least this line (so every turn of the loop moves on), then until another block starts.
    const para: string[] = [line.trim()];
    i++;
    while (i < lines.length) {
      const l = lines[i] as string;
      if (!l.trim() || FENCE_OPEN.test(l) || /^#{1,6}\s/.test(l) || LIST_ITEM.test(l)) break;
      para.push(l.trim());
      i++;
    }
    blocks.push({ type: "paragraph", children: parseInline(para.join(" ")) });
  }
  return blocks;
}
