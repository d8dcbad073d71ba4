import { useSyncExternalStore } from "react";

/** The menu; `room` entries show only when the page was served by a workshop room. */
export const ROUTES = [
  { id: "connection", label: "Connection", room: false },
  { id: "lab", label: "Lab", room: false },
  { id: "exercises", label: "Exercises", room: false },
  { id: "room", label: "Room", room: true },
  { id: "instructor", label: "Instructor", room: false },
] as const;

/** Pages reached by a link, not from the menu: the room's join link opens #/join. */
const LINKED = ["join"] as const;

export type RouteId = (typeof ROUTES)[number]["id"] | (typeof LINKED)[number];

/** The route in a hash like "#/lab"; unknown or empty hashes land on the connection page. */
export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, "").split(/[/?]/)[0];
  return ROUTES.find((r) => r.id === id)?.id ?? LINKED.find((r) => r === id) ?? "connection";
}

/** The menu entries for this page: the room's only in a room. */
export const menuRoutes = (inRoom: boolean) => ROUTES.filter((r) => inRoom || !r.room);

const subscribe = (onChange: () => void) => {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
};

/** Hash routing keeps ?server= in the query string untouched and needs no server-side fallback. */
export function useRoute(): RouteId {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
}
