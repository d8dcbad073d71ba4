// A deliberately tiny front matter reader: `key: value` lines, lists as `[a, b]` or `- item` lines.
// Exercise READMEs need four fields; a YAML library would be a bigger dependency than the content.

export type FrontMatterValue = string | string[];

export interface FrontMatter {
  data: Record<string, FrontMatterValue>;
  /** The Markdown after the closing `---`. */
  body: string;
}

const FENCE = /^---\s*$/;

function unquote(text: string): string {
  const t = text.trim();
  return /^(["']).*\1$/.test(t) ? t.slice(1, -1) : t;
}

/** Splits `---`-fenced front matter from the body. Throws a sentence naming the problem. */
export function parseFrontMatter(text: string): FrontMatter {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? "")) throw new Error("README.md must start with front matter between two `---` lines.");
  const end = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (end < 0) throw new Error("README.md front matter has no closing `---` line.");
  const data: Record<string, FrontMatterValue> = {};
  let listKey: string | null = null;
  for (const [i, raw] of lines.slice(1, end).entries()) {
    if (!raw.trim() || raw.trim().startsWith("#")) continue;
    const item = /^\s*-\s+(.*)$/.exec(raw);
    if (item) {
      const list = listKey ? data[listKey] : undefined;
      if (!Array.isArray(list)) throw new Error(`front matter line ${i + 2}: a "- item" line must follow a "key:" line with no value.`);
      list.push(unquote(item[1] ?? ""));
      continue;
    }
    const kv = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(raw);
    if (!kv) throw new Error(`front matter line ${i + 2} is not "key: value": ${raw.trim()}`);
    const key = kv[1] as string;
    const value = (kv[2] ?? "").trim();
    if (key in data) throw new Error(`front matter sets "${key}" twice.`);
    listKey = null;
    if (value === "") {
      data[key] = [];
      listKey = key;
    } else if (value.startsWith("[")) {
      if (!value.endsWith("]")) throw new Error(`front matter "${key}": a list must end with "]".`);
      data[key] = value
        .slice(1, -1)
        .split(",")
        .map(unquote)
        .filter((v) => v !== "");
    } else {
      data[key] = unquote(value);
    }
  }
  return { data, body: lines.slice(end + 1).join("\n") };
}
