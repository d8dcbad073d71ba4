// Monaco from the local package, never a CDN: the editor core with its contributions, TypeScript
// colouring and language service, and both workers bundled by Vite. Imported only by the lazily
// loaded editor components, so Monaco is downloaded when an exercise opens.
import { loader } from "@monaco-editor/react";
import * as api from "monaco-editor/editor/editor.api";
import "monaco-editor/features/register.all";
import "monaco-editor/languages/definitions/typescript/register";
import * as typescript from "monaco-editor/languages/features/typescript/register";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import TsWorker from "monaco-editor/language/typescript/ts.worker?worker";
import { EXTRA_LIBS } from "./typings.ts";

export const monaco = { ...api, typescript };
export type Monaco = typeof monaco;

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

self.MonacoEnvironment = {
  getWorker: (_id, label) => (label === "typescript" || label === "javascript" ? new TsWorker() : new EditorWorker()),
};

const { typescriptDefaults, ModuleKind, ModuleResolutionKind, ScriptTarget } = typescript;
typescriptDefaults.setCompilerOptions({
  target: ScriptTarget.ESNext,
  module: ModuleKind.ESNext,
  moduleResolution: ModuleResolutionKind.NodeJs,
  // The code runs in a Web Worker: no DOM, but WebSocket, TextEncoder, timers.
  lib: ["es2022", "webworker"],
  strict: true,
  skipLibCheck: true,
  allowNonTsExtensions: true,
  // Errors are reported at the participant's own lines through this map.
  sourceMap: true,
});
for (const lib of EXTRA_LIBS) typescriptDefaults.addExtraLib(lib.content, lib.path);

// Monaco's own themes with the colours WCAG AA (4.5:1 for text) needs here: the built-in ones give
// comments 4.2:1 in the dark, and their diff backgrounds take most token colours under 4.5:1 (down to
// 1.9:1). Every TypeScript token colour below reaches 4.5:1 on the editor's background, on a changed
// line and on changed text within it, in both themes; so do the line numbers (on a changed line too).
// The diff backgrounds stay translucent, as Monaco asks, so decorations under them show.
api.editor.defineTheme("workshop-light", {
  base: "vs",
  inherit: true,
  rules: [
    { token: "comment", foreground: "006b00" },
    { token: "number", foreground: "056b45" },
    { token: "type", foreground: "006464" },
    { token: "invalid", foreground: "b01c1c" },
  ],
  colors: {
    "editorLineNumber.foreground": "#1f6a80",
    "diffEditor.insertedLineBackground": "#2da44e1a",
    "diffEditor.insertedTextBackground": "#2da44e33",
    "diffEditor.removedLineBackground": "#cf222e12",
    "diffEditor.removedTextBackground": "#cf222e26",
  },
});
api.editor.defineTheme("workshop-dark", {
  base: "vs-dark",
  inherit: true,
  rules: [
    { token: "comment", foreground: "85b070" },
    { token: "keyword", foreground: "6cb0e6" },
    { token: "number.hex", foreground: "64c0a2" },
    { token: "string", foreground: "d6a08a" },
    { token: "regexp", foreground: "d98fbc" },
    { token: "invalid", foreground: "ff8a8a" },
  ],
  colors: {
    "editorLineNumber.foreground": "#a0a0a0",
    "diffEditor.insertedLineBackground": "#2ea0431a",
    "diffEditor.insertedTextBackground": "#2ea04326",
    "diffEditor.removedLineBackground": "#f851491a",
    "diffEditor.removedTextBackground": "#f8514926",
  },
});

// @monaco-editor/react would otherwise fetch Monaco from a CDN.
loader.config({ monaco: monaco as unknown as Parameters<typeof loader.config>[0]["monaco"] });
