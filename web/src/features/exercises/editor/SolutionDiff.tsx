import { DiffEditor, type DiffOnMount } from "@monaco-editor/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useMonacoTheme } from "../useDocumentTheme.ts";
import "./monaco.ts";

export interface SolutionDiffProps {
  slug: string;
  code: string;
  solution: string;
  /** Told whenever the comparison switches between side by side (wide) and inline (narrow). */
  onLayout?: (sideBySide: boolean) => void;
}

/** Below this width the two sides would be too narrow to read: the comparison goes inline. */
export const SIDE_BY_SIDE_MIN_PX = 800;

/** Names for both sides' inputs, which Monaco leaves unnamed otherwise. */
const ARIA_LABELS = { originalAriaLabel: "Your code (read-only)", modifiedAriaLabel: "The solution (read-only)" };

type DiffEditorInstance = Parameters<DiffOnMount>[0];

/**
 * The participant's code beside the solution, both read-only. Its own documents (not the editor's),
 * so looking at the solution never touches what the participant wrote. Side by side when there is
 * room, inline when not (the view says which).
 */
export default function SolutionDiff({ slug, code, solution, onLayout }: SolutionDiffProps) {
  const theme = useMonacoTheme();
  const box = useRef<HTMLDivElement | null>(null);
  const [sideBySide, setSideBySide] = useState(true);
  const diff = useRef<DiffEditorInstance | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setSideBySide(el.clientWidth >= SIDE_BY_SIDE_MIN_PX);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  useEffect(() => onLayout?.(sideBySide), [sideBySide, onLayout]);

  // The wrapper disposes the documents before the widget lets go of them ("TextModel got disposed
  // before DiffEditorWidget model got reset"): it keeps them, and this lets go first, then disposes.
  useEffect(
    () => () => {
      const ed = diff.current;
      diff.current = null;
      const models = ed?.getModel();
      try {
        ed?.setModel(null);
      } catch {
        // Already disposed by the wrapper: nothing holds the documents any more.
      }
      models?.original.dispose();
      models?.modified.dispose();
    },
    [],
  );

  // One options object per layout: a new one each render would reset what Monaco was told since.
  const options = useMemo(
    () => ({
      readOnly: true,
      originalEditable: false,
      ...ARIA_LABELS,
      renderSideBySide: sideBySide,
      useInlineViewWhenSpaceIsLimited: false,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      automaticLayout: true,
      fontSize: 13,
    }),
    [sideBySide],
  );

  return (
    <div className="ex-diff" data-testid="solution-diff" data-layout={sideBySide ? "side-by-side" : "inline"} ref={box}>
      <DiffEditor
        original={code}
        modified={solution}
        language="typescript"
        originalModelPath={`file:///compare/${slug}/yours.ts`}
        modifiedModelPath={`file:///compare/${slug}/solution.ts`}
        keepCurrentOriginalModel
        keepCurrentModifiedModel
        theme={theme}
        loading={<p className="muted">Loading the comparison…</p>}
        options={options}
        onMount={(ed) => {
          diff.current = ed;
          // Monaco drops the labels given at creation (its first options update empties them): again, once mounted.
          ed.getOriginalEditor().updateOptions({ ariaLabel: ARIA_LABELS.originalAriaLabel });
          ed.getModifiedEditor().updateOptions({ ariaLabel: ARIA_LABELS.modifiedAriaLabel });
        }}
      />
    </div>
  );
}
