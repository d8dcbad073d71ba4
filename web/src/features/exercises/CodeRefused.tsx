import { useAppStore } from "../../app/store.ts";
import { formatSize } from "../storage/saveGuard.ts";
import { MAX_CODE_CHARS } from "./progress.ts";

/** At the editor: its code is too long to save, so the code saved before stays (and comes back on reload). */
export function CodeRefused({ slug }: { slug: string }) {
  const chars = useAppStore((s) => s.codeRefused[slug]);
  if (chars === undefined) return null;
  return (
    <p className="field-error code-refused" role="alert" data-testid="code-refused">
      This code is {formatSize(chars)} ({chars.toLocaleString("en")} characters); an exercise keeps at most{" "}
      {MAX_CODE_CHARS.toLocaleString("en")} characters: it is not saved. Your code saved before stays saved (a reload brings it back);
      shorten this code to save it.
    </p>
  );
}
