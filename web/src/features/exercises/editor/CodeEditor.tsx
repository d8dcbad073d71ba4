import Editor from "@monaco-editor/react";
import { TabFocus } from "monaco-editor/editor/browser/config/tabFocus";
import { useSyncExternalStore } from "react";
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

/** Whether Tab moves the focus out of the editor (after Ctrl+M) rather than indenting. */
const subscribeTabFocus = (onChange: () => void) => {
  const listener = TabFocus.onDidChangeTabFocus(onChange);
  return () => listener.dispose();
};

export interface CodeEditorProps {
  slug: string;
  /** The document's name: main.ts is the participant's; another keeps a separate, unsaved text. */
  file?: string;
  /** Larger on a projector. */
  fontSize?: number;
  code: string;
  onChange: (code: string) => void;
  /** The editor's API for the view, once Monaco is ready; null when it goes away. */
  onReady: (handle: EditorHandle | null) => void;
}

/** The participant's TypeScript, one document per exercise (its own path, so switching keeps each). */
export default function CodeEditor({ slug, file = "main.ts", fontSize = OPTIONS.fontSize, code, onChange, onReady }: CodeEditorProps) {
  const theme = useMonacoTheme();
  // Tab indents in the editor until Ctrl+M (Monaco's "Toggle Tab Key Moves Focus") makes it move the focus.
  const tabMovesFocus = useSyncExternalStore(subscribeTabFocus, () => TabFocus.getTabFocusMode());
  return (
    <>
      <div className="ex-editor" data-testid="code-editor">
        <Editor
          path={`file:///exercises/${slug}/${file}`}
          language="typescript"
          value={code}
          theme={theme}
          options={{ ...OPTIONS, fontSize }}
          loading={<p className="muted">Loading the editor…</p>}
          onChange={(value) => onChange(value ?? "")}
          onMount={(ed) => {
            onReady(createEditorHandle(ed, monaco));
            ed.onDidDispose(() => onReady(null));
          }}
        />
      </div>
      <p className="muted ex-editor-hint" data-testid="editor-tab-hint">
        {tabMovesFocus
          ? "Tab moves the focus out of the editor. Press Ctrl+M (⌃⇧M on Mac) to make Tab indent again."
          : "Tab indents. Press Ctrl+M (⌃⇧M on Mac) to make Tab move the focus out of the editor."}
      </p>
    </>
  );
}
