import Editor from "@monaco-editor/react";
import { useMonacoTheme } from "../useDocumentTheme.ts";
import { createEditorHandle, type EditorHandle } from "./handle.ts";
import { monaco } from "./monaco.ts";

/** Editor settings for projectors and laptops alike: readable, no minimap, nothing that moves on its own. */
const OPTIONS = {
  fontSize: 14,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  tabSize: 2,
  automaticLayout: true,
  fixedOverflowWidgets: true,
  renderLineHighlight: "line",
  "semanticHighlighting.enabled": false,
} as const;

export interface CodeEditorProps {
  slug: string;
  code: string;
  onChange: (code: string) => void;
  /** The editor's API for the view, once Monaco is ready; null when it goes away. */
  onReady: (handle: EditorHandle | null) => void;
}

/** The participant's TypeScript, one document per exercise (its own path, so switching keeps each). */
export default function CodeEditor({ slug, code, onChange, onReady }: CodeEditorProps) {
  const theme = useMonacoTheme();
  return (
    <div className="ex-editor" data-testid="code-editor">
      <Editor
        path={`file:///exercises/${slug}/main.ts`}
        language="typescript"
        value={code}
        theme={theme}
        options={OPTIONS}
        loading={<p className="muted">Loading the editor…</p>}
        onChange={(value) => onChange(value ?? "")}
        onMount={(ed) => {
          onReady(createEditorHandle(ed, monaco));
          ed.onDidDispose(() => onReady(null));
        }}
      />
    </div>
  );
}
