// Participant code runs from a Blob URL, which cannot resolve a package name. Value imports of the
// NATS client packages are linked here instead, to the copies bundled with the runner: the compiled
// module's import declarations become reads from a registry the runner fills before loading it.
// Lines are kept as they are, so errors still point at the participant's own lines.

import { IMPORTABLE_MODULES, MODULE_REGISTRY, type ImportableModule } from "../../nats/exercise-modules.ts";

export type Linked = { ok: true; js: string } | { ok: false; spec: string; message: string };

const importable = (spec: string): spec is ImportableModule => (IMPORTABLE_MODULES as readonly string[]).includes(spec);

/** `a as b, c` → `a: b, c` (an import clause's names as a destructuring pattern). */
const asPattern = (names: string) => names.replace(/\b([\w$]+)\s+as\s+([\w$]+)/g, "$1: $2");

/** Keeps every newline of `text`, so the lines after it do not move. */
const sameLines = (text: string, replacement: string) => replacement + "\n".repeat((text.match(/\n/g) ?? []).length);

// The shapes TypeScript emits for what is left after erasing types (`import type` is gone by then).
const IMPORT = /^([ \t]*)import\s+([^;'"]*?)\s*from\s*(["'])([^"']+)\3\s*;?/gm;
const BARE_IMPORT = /^[ \t]*import\s*(["'])([^"']+)\1\s*;?/gm;
const EXPORT_FROM = /^[ \t]*export\s+[^;'"]*?\s*from\s*(["'])([^"']+)\1/m;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*(["'])([^"']+)\1\s*\)/;

/** Why `spec` cannot be imported, in words the console shows. */
export function importProblem(spec: string): string {
  return `Importing "${spec}" is not possible here: only ${IMPORTABLE_MODULES.join(", ")} can be imported (the copies the playground ships); everything else comes through ctx. \`import type\` is fine.`;
}

/** One import clause (`X`, `{ a, b as c }`, `* as ns`, `X, { a }`, `X, * as ns`) as declarations. */
function declarations(clause: string, source: string): string {
  const out: string[] = [];
  let rest = clause.replace(/\s+/g, " ").trim();
  const def = /^([\w$]+)\s*(?:,|$)/.exec(rest);
  if (def) {
    // A default import: the package's default export, or the namespace itself when it has none.
    out.push(`const ${def[1]} = ${source}.default ?? ${source};`);
    rest = rest.slice(def[0].length).trim();
  }
  const ns = /^\*\s*as\s+([\w$]+)$/.exec(rest);
  if (ns) out.push(`const ${ns[1]} = ${source};`);
  else if (rest.startsWith("{")) out.push(`const ${asPattern(rest)} = ${source};`);
  return out.join(" ");
}

/** Rewrites value imports of the importable packages; names the first other one as a problem. */
export function linkImports(js: string): Linked {
  const dynamic = DYNAMIC_IMPORT.exec(js);
  if (dynamic) return { ok: false, spec: dynamic[2] as string, message: importProblem(dynamic[2] as string) };
  const reexport = EXPORT_FROM.exec(js);
  if (reexport) return { ok: false, spec: reexport[2] as string, message: importProblem(reexport[2] as string) };
  let problem: string | null = null;
  let linked = js.replace(IMPORT, (whole, indent: string, clause: string, _q: string, spec: string) => {
    if (!importable(spec)) {
      problem ??= spec;
      return whole;
    }
    return sameLines(whole, indent + declarations(clause, `globalThis.${MODULE_REGISTRY}[${JSON.stringify(spec)}]`));
  });
  linked = linked.replace(BARE_IMPORT, (whole, _q: string, spec: string) => {
    if (!importable(spec)) problem ??= spec;
    return sameLines(whole, "");
  });
  if (problem !== null) return { ok: false, spec: problem, message: importProblem(problem) };
  return { ok: true, js: linked };
}
