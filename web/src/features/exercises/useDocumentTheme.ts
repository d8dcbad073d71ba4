import { useSyncExternalStore } from "react";

const subscribe = (onChange: () => void) => {
  // The theme toggle writes data-theme on <html>: follow it so the editor matches the page.
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return () => observer.disconnect();
};

/** Monaco's built-in theme for the page's current theme. */
export function useMonacoTheme(): "vs" | "vs-dark" {
  return useSyncExternalStore(subscribe, () => (document.documentElement.dataset.theme === "dark" ? "vs-dark" : "vs"));
}
