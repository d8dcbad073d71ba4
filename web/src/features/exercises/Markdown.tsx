import { memo, useMemo } from "react";
import ReactMarkdown from "react-markdown";
import { markdownOptions } from "../../exercises/markdown.ts";

/**
 * Renders exercise Markdown as React elements (never as an HTML string). Memoised: the exercise page
 * re-renders on every console line, the text only changes with the exercise.
 */
export const Markdown = memo(function Markdown({ source, headingOffset = 1 }: { source: string; headingOffset?: number }) {
  const options = useMemo(() => markdownOptions(headingOffset), [headingOffset]);
  return (
    <div className="ex-markdown">
      <ReactMarkdown {...options}>{source}</ReactMarkdown>
    </div>
  );
});
