import { useSyncExternalStore } from "react";

export const ROUTES = [
  { id: "connection", label: "Connection" },
  { id: "lab", label: "Lab" },
  { id: "exercises", label: "Exercises" },
  { id: "instructor", label: "Instructor" },
] as const;

export type RouteId = (typeof ROUTES)[number]["id"];

/** The route in a hash like "#/lab"; unknown or empty hashes land on the connection page. */
export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, "").split(/[/?]/)[0];
  return ROUTES.find((r) => r.id === id)?.id ?? "connection";
}

const subscribe = (onChange: () => void) => {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
};

/** Hash routing keeps ?server= in the query string untouched and needs no server-side fallback. */
export function useRoute(): RouteId {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
}
