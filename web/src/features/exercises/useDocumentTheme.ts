import { useSyncExternalStore } from "react";

const subscribe = (onChange: () => void) => {
  // The theme toggle writes data-theme on <html>: follow it so the editor matches the page.
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return () => observer.disconnect();
};

/** The Monaco theme for the page's current theme (defined in editor/monaco.ts, with accessible colours). */
export function useMonacoTheme(): "workshop-light" | "workshop-dark" {
  return useSyncExternalStore(subscribe, () => (document.documentElement.dataset.theme === "dark" ? "workshop-dark" : "workshop-light"));
}
