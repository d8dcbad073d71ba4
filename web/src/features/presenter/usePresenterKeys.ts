import { useEffect } from "react";
import { appStore } from "../../app/store.ts";

/** Typing somewhere: the key is the text's, not a shortcut. */
const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName) || t.closest(".monaco-editor") !== null);

/** P toggles presenter mode (outside text fields and the editor), Escape leaves it; the page's look follows. */
export function usePresenterKeys(presenting: boolean): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const s = appStore.getState();
      if (e.key === "p" || e.key === "P") s.setPresenting(!s.presenting);
      else if (e.key === "Escape" && s.presenting) s.setPresenting(false);
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);
  useEffect(() => {
    document.documentElement.classList.toggle("presenting", presenting);
  }, [presenting]);
}
