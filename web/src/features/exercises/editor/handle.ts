import type { editor } from "monaco-editor/editor/editor.api";
import { linkImports } from "../../../exercises/runtime/imports.ts";
import type { Monaco } from "./monaco.ts";

/** A problem at a line of the participant's code (1-based). */
export interface CodeProblem {
  line: number;
  column?: number;
  message: string;
}

/**
 * `typeErrors`: what the type checker found; the code runs anyway (JavaScript has no types), the console
 * says so. `typesChecked` false: TypeScript was still starting, the code's types were not checked.
 */
export type Compiled =
  | { ok: true; js: string; sourceMap: string | null; typeErrors: CodeProblem[]; typesChecked: boolean }
  | { ok: false; problems: CodeProblem[] };

/**
 * Monaco's TypeScript worker is one for the page: once it has built its program (the standard library
 * and the NATS packages' declarations, seconds on a fresh page), every editor's compile is quick.
 */
let typescriptReady = false;
/** How often, and how long, the warm-up asks for TypeScript before giving up (two minutes). */
const WARM_UP_RETRY_MS = 250;
const WARM_UP_ATTEMPTS = 480;
/** The fast compiler for Runs before then (loaded once, in its own small chunk). */
let firstRunCompiler: Promise<typeof import("../../../exercises/runtime/transpile.ts")> | null = null;

/** Markers the runner sets (syntax errors before a run, runtime errors after): apart from the TypeScript worker's own. */
const RUNNER_OWNER = "exercise-runner";

type DiagnosticText = string | { messageText: string; next?: DiagnosticText[] };
function flatten(text: DiagnosticText): string {
  return typeof text === "string" ? text : [text.messageText, ...(text.next ?? []).map(flatten)].join(" ");
}

/**
 * What the exercise view can do with the editor, and all it can do: compile the code with Monaco's own
 * TypeScript worker (before it is ready, with sucrase, which only strips the types) and put problems at
 * the participant's lines.
 */
export function createEditorHandle(ed: editor.IStandaloneCodeEditor, monaco: Monaco) {
  const model = () => {
    const m = ed.getModel();
    if (!m) throw new Error("The editor has no document.");
    return m;
  };
  firstRunCompiler ??= import("../../../exercises/runtime/transpile.ts");
  const typescriptWorker = async () => {
    const m = model();
    const getWorker = await monaco.typescript.getTypeScriptWorker();
    return { m, uri: m.uri.toString(), worker: await getWorker(m.uri) };
  };
  // Warm-up, while the learner reads: TypeScript builds its program and checks this file once. Monaco
  // sets its TypeScript support up when the first TypeScript document appears (a chunk of its own):
  // until then it answers "TypeScript not registered!", so the warm-up asks again. It resolves only
  // once TypeScript answered, and rejects when the editor went away or TypeScript never came.
  const warm: Promise<void> = typescriptReady ? Promise.resolve() : warmUp();
  async function warmUp(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (!ed.getModel()) throw new Error("The editor went away before TypeScript was ready.");
      try {
        const { worker, uri } = await typescriptWorker();
        await worker.getSemanticDiagnostics(uri);
        typescriptReady = true;
        return;
      } catch (err) {
        if (attempt >= WARM_UP_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, WARM_UP_RETRY_MS));
      }
    }
  }
  /** Before TypeScript is ready: types stripped in milliseconds, syntax checked, types not. */
  const compileFast = async (): Promise<Compiled> => {
    const m = model();
    const out = (await (firstRunCompiler as NonNullable<typeof firstRunCompiler>)).transpile(m.getValue());
    if (!out.ok) return { ok: false, problems: [out.problem] };
    return link(out.js, out.sourceMap, [], false);
  };
  /** Value imports of the NATS packages are linked to the runner's bundled copies; others are refused here. */
  const link = (js: string, sourceMap: string | null, typeErrors: CodeProblem[], typesChecked: boolean): Compiled => {
    const linked = linkImports(js);
    if (!linked.ok) {
      const line =
        model()
          .getLinesContent()
          .findIndex((l) => l.includes(linked.spec)) + 1;
      return { ok: false, problems: [{ line: Math.max(1, line), message: linked.message }] };
    }
    return {
      ok: true,
      // The map travels with the code; a sourceMappingURL comment would only make DevTools fetch it.
      js: linked.js.replace(/^\/\/# sourceMappingURL=.*$/m, ""),
      sourceMap,
      typeErrors,
      typesChecked,
    };
  };
  const setMarkers = (problems: CodeProblem[]) => {
    const m = model();
    monaco.editor.setModelMarkers(
      m,
      RUNNER_OWNER,
      problems.map((p) => {
        const line = Math.min(Math.max(1, p.line), m.getLineCount());
        const start = p.column ?? m.getLineFirstNonWhitespaceColumn(line) ?? 1;
        return {
          severity: monaco.MarkerSeverity.Error,
          message: p.message,
          startLineNumber: line,
          startColumn: Math.max(1, start),
          endLineNumber: line,
          endColumn: m.getLineMaxColumn(line),
        };
      }),
    );
  };
  let shown: CodeProblem[] = [];

  return {
    /**
     * Compiles to an ES module with a source map; syntax errors and package imports come back as problems
     * instead. While TypeScript is still starting, the fast compiler's output (types not checked).
     */
    async compile(): Promise<Compiled> {
      if (!typescriptReady) return compileFast();
      const { m, uri, worker } = await typescriptWorker();
      const syntax = await worker.getSyntacticDiagnostics(uri);
      if (syntax.length > 0) {
        return {
          ok: false,
          problems: syntax.map((d) => {
            const pos = m.getPositionAt(d.start ?? 0);
            return { line: pos.lineNumber, column: pos.column, message: flatten(d.messageText as DiagnosticText) };
          }),
        };
      }
      const [out, semantic] = await Promise.all([worker.getEmitOutput(uri), worker.getSemanticDiagnostics(uri)]);
      const typeErrors = semantic
        // Category 1 is an error (0 warning, 2 suggestion, 3 message).
        .filter((d) => d.category === 1)
        .map((d) => {
          const pos = m.getPositionAt(d.start ?? 0);
          return { line: pos.lineNumber, column: pos.column, message: flatten(d.messageText as DiagnosticText) };
        });
      const js = out.outputFiles.find((f) => f.name.endsWith(".js"))?.text;
      if (out.emitSkipped || js === undefined) return { ok: false, problems: [{ line: 1, message: "The code could not be compiled." }] };
      return link(js, out.outputFiles.find((f) => f.name.endsWith(".js.map"))?.text ?? null, typeErrors, true);
    },
    /** Resolves once TypeScript has checked this document (at once when it already had); rejects if it never could. */
    typescriptReady: (): Promise<void> => warm,
    /** Marks problems in the editor and scrolls to the first. */
    showProblems(problems: CodeProblem[]): void {
      shown = [...shown, ...problems];
      setMarkers(shown);
      const first = problems[0];
      if (first) ed.revealLineInCenterIfOutsideViewport(first.line);
    },
    clearProblems(): void {
      shown = [];
      setMarkers([]);
    },
    focus: () => ed.focus(),
  };
}

export type EditorHandle = ReturnType<typeof createEditorHandle>;
