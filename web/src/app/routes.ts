import { useSyncExternalStore } from "react";

/**
 * The menu. `room`: only when the page was served by a workshop room. `instructor`: in a room, only
 * in the browser that holds the instructor's credentials (solo, the page says how to start a room).
 */
export const ROUTES = [
  { id: "lab", label: "Lab", room: false, instructor: false },
  { id: "exercises", label: "Exercises", room: false, instructor: false },
  { id: "room", label: "Room", room: true, instructor: false },
  { id: "instructor", label: "Instructor", room: false, instructor: true },
] as const;

/**
 * Pages reached by a link, not from the menu: the start page (the brand, and any unknown address),
 * the connection details (the status pill), the room's join link (#/join).
 */
const LINKED = ["start", "connection", "join"] as const;

export type RouteId = (typeof ROUTES)[number]["id"] | (typeof LINKED)[number];

/** The route in a hash like "#/lab"; unknown or empty hashes land on the start page. */
export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, "").split(/[/?]/)[0];
  return ROUTES.find((r) => r.id === id)?.id ?? LINKED.find((r) => r === id) ?? "start";
}

/** The menu entries for this page: the room's only in a room; the instructor's, in a room, only for the instructor. */
export const menuRoutes = (inRoom: boolean, instructor = false) =>
  ROUTES.filter((r) => (inRoom || !r.room) && (!inRoom || !r.instructor || instructor));

const subscribe = (onChange: () => void) => {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
};

/** Hash routing keeps ?server= in the query string untouched and needs no server-side fallback. */
export function useRoute(): RouteId {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
}
