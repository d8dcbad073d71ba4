// The first Run's compiler. Monaco's TypeScript worker needs seconds on a fresh page before it can
// answer anything (it parses the standard library and the NATS packages' declarations, over a
// megabyte); sucrase strips the types of one file in milliseconds. It keeps every line where it is,
// so errors still point at the participant's own lines. It checks syntax, not types: the editor's
// TypeScript does that as soon as it is ready, and every later Run goes through it.
import { transform } from "sucrase";

export interface TranspileProblem {
  line: number;
  column?: number;
  message: string;
}

export type Transpiled = { ok: true; js: string; sourceMap: string } | { ok: false; problem: TranspileProblem };

/** TypeScript → an ES module (imports kept as written, type-only ones dropped), with a source map. */
export function transpile(source: string, file = "main.ts"): Transpiled {
  try {
    const out = transform(source, {
      transforms: ["typescript"],
      // The runner loads modern JavaScript: leave the syntax as it is, only drop the types.
      disableESTransforms: true,
      filePath: file,
      sourceMapOptions: { compiledFilename: file.replace(/\.ts$/, ".js") },
    });
    return { ok: true, js: out.code, sourceMap: JSON.stringify(out.sourceMap) };
  } catch (err) {
    const e = err as { message?: string; loc?: { line: number; column: number } };
    const message = (e.message ?? String(err)).replace(/^Error transforming [^:]*: /, "").replace(/\s*\(\d+:\d+\)\s*$/, "");
    // sucrase's column is where the offending token ends being read: the token itself, counted from 1.
    return { ok: false, problem: e.loc ? { line: e.loc.line, column: Math.max(1, e.loc.column), message } : { line: 1, message } };
  }
}
