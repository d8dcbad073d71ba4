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

// @monaco-editor/react would otherwise fetch Monaco from a CDN.
loader.config({ monaco: monaco as unknown as Parameters<typeof loader.config>[0]["monaco"] });
