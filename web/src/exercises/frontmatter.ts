// Front matter of an exercise README: the YAML between two `---` lines, read by the `yaml` package.
// The failsafe schema reads every value as text (`minutes: 5` is "5"): the loader checks numbers itself,
// so `minutes: 5.0` or `minutes: 0x5` fail with its sentence instead of becoming numbers silently.

import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from "yaml";

export type FrontMatterValue = string | string[];

export interface FrontMatter {
  data: Record<string, FrontMatterValue>;
  /** The Markdown after the closing `---`. */
  body: string;
}

const FENCE = /^---\s*$/;

/** Splits `---`-fenced front matter from the body and reads it. Throws a sentence naming the problem. */
export function parseFrontMatter(text: string): FrontMatter {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? "")) throw new Error("README.md must start with front matter between two `---` lines.");
  const end = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (end < 0) throw new Error("README.md front matter has no closing `---` line.");
  const source = lines.slice(1, end).join("\n");
  const counter = new LineCounter();
  // Line numbers in messages count from the README's first line (the opening `---`).
  const lineOf = (offset: number) => counter.linePos(offset).line + 1;
  const doc = parseDocument(source, { schema: "failsafe", uniqueKeys: false, lineCounter: counter, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const hint = error.code === "BLOCK_AS_IMPLICIT_KEY" ? ' (put quotes around a value that holds ": ")' : "";
    throw new Error(`front matter line ${lineOf(error.pos[0])}: ${error.message.split("\n")[0]}${hint}.`);
  }

  const data: Record<string, FrontMatterValue> = Object.create(null);
  const root = doc.contents;
  if (root === null) return { data, body: lines.slice(end + 1).join("\n") };
  if (!isMap(root)) {
    const at = root.range?.[0] ?? 0;
    const line = source.slice(at).split("\n")[0]?.trim();
    throw new Error(`front matter line ${lineOf(at)} is not "key: value": ${line}`);
  }
  for (const { key, value } of root.items) {
    if (!isScalar(key) || typeof key.value !== "string" || key.value === "")
      throw new Error(`front matter line ${lineOf(isNode(key) ? (key.range?.[0] ?? 0) : 0)} is not "key: value".`);
    const name = key.value;
    if (Object.hasOwn(data, name)) throw new Error(`front matter sets "${name}" twice.`);
    if (value === null || isScalar(value)) data[name] = String(value?.value ?? "").trim();
    else if (isSeq(value) && value.items.every((item) => isScalar(item)))
      data[name] = value.items.map((item) => String(item.value ?? "").trim()).filter((v) => v !== "");
    // A nested map, a list of lists, an alias (*name): nothing an exercise needs.
    else throw new Error(`front matter "${name}" must be a text or a list of texts, such as [a, b].`);
  }
  return { data, body: lines.slice(end + 1).join("\n") };
}
