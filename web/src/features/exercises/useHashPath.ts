import { useSyncExternalStore } from "react";

const subscribe = (onChange: () => void) => {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
};

/** The exercise in a hash like "#/exercises/01-hello-pubsub", or null on the list. */
export function exerciseSlugFromHash(hash: string): string | null {
  const m = /^#\/?exercises\/([^/?#]+)/.exec(hash);
  return m ? decodeURIComponent(m[1] as string) : null;
}

export function useExerciseSlug(): string | null {
  return useSyncExternalStore(subscribe, () => exerciseSlugFromHash(window.location.hash));
}
