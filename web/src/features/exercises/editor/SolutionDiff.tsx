import { DiffEditor } from "@monaco-editor/react";
import { useMonacoTheme } from "../useDocumentTheme.ts";
import "./monaco.ts";

export interface SolutionDiffProps {
  slug: string;
  code: string;
  solution: string;
}

/**
 * The participant's code beside the solution, both read-only. Its own documents (not the editor's),
 * so looking at the solution never touches what the participant wrote.
 */
export default function SolutionDiff({ slug, code, solution }: SolutionDiffProps) {
  const theme = useMonacoTheme();
  return (
    <div className="ex-diff" data-testid="solution-diff">
      <DiffEditor
        original={code}
        modified={solution}
        language="typescript"
        originalModelPath={`file:///compare/${slug}/yours.ts`}
        modifiedModelPath={`file:///compare/${slug}/solution.ts`}
        theme={theme}
        loading={<p className="muted">Loading the comparison…</p>}
        options={{
          readOnly: true,
          originalEditable: false,
          renderSideBySide: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          automaticLayout: true,
          fontSize: 13,
        }}
      />
    </div>
  );
}
