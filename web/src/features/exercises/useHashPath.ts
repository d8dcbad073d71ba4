import { useSyncExternalStore } from "react";

const subscribe = (onChange: () => void) => {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
};

/** The exercise in a hash like "#/exercises/01-hello-pubsub" (a "?…" after it is not part of it), or null on the list. */
export function exerciseSlugFromHash(hash: string): string | null {
  const m = /^#\/?exercises\/([^/?#]+)/.exec(hash);
  if (!m) return null;
  // A malformed escape ("%E0") is no exercise's name: shown as typed ("Exercise not found"), never thrown.
  try {
    return decodeURIComponent(m[1] as string);
  } catch {
    return m[1] as string;
  }
}

export function useExerciseSlug(): string | null {
  return useSyncExternalStore(subscribe, () => exerciseSlugFromHash(window.location.hash));
}
