import { StatusPill } from "../features/connection/StatusPill.tsx";
import { HandButton } from "../features/room/HandButton.tsx";
import { SeatBadge } from "../features/room/SeatBadge.tsx";
import { menuRoutes, type RouteId } from "./routes.ts";
import { useAppStore } from "./store.ts";
import { ThemeToggle } from "./ThemeToggle.tsx";

export function Header({ route }: { route: RouteId }) {
  const inRoom = useAppStore((s) => s.room !== null);
  const instructor = useAppStore((s) => s.instructorCreds !== null);
  return (
    <header className="header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <a className="brand" href="#/" aria-current={route === "start" ? "page" : undefined}>
        <span className="logo" aria-hidden="true">
          N
        </span>
        <span className="brand-name">NATS Workshop Playground</span>
      </a>
      <nav aria-label="Main">
        <ul className="nav">
          {menuRoutes(inRoom, instructor).map((r) => (
            <li key={r.id}>
              <a href={`#/${r.id}`} aria-current={route === r.id ? "page" : undefined}>
                {r.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="header-end">
        <HandButton />
        <SeatBadge />
        <StatusPill current={route === "connection"} />
        <ThemeToggle />
      </div>
    </header>
  );
}
