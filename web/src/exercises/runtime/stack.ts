import { originalPosition } from "./sourcemap.ts";

/** Where in the participant's file an error happened (1-based), when the stack says so. */
export interface SourcePosition {
  line: number;
  column: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The first stack frame inside the module loaded from `moduleUrl` (a blob: URL), as generated line/column. */
export function frameInModule(stack: string, moduleUrl: string): SourcePosition | null {
  const m = new RegExp(`${escape(moduleUrl)}:(\\d+):(\\d+)`).exec(stack);
  if (!m) return null;
  return { line: Number(m[1]), column: Number(m[2]) };
}

/** The position in the participant's TypeScript for an error thrown by their compiled module. */
export function locateError(err: unknown, moduleUrl: string, sourceMap: string | null): SourcePosition | null {
  const stack = err instanceof Error ? (err.stack ?? "") : "";
  const generated = frameInModule(stack, moduleUrl);
  if (!generated) return null;
  if (!sourceMap) return generated;
  return originalPosition(sourceMap, generated.line, generated.column) ?? generated;
}
