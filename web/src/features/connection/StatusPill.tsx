import { useAppStore } from "../../app/store.ts";
import { describeStatus } from "./describe.ts";

/** Compact status in the header, visible from every page; the way to the connection details. */
export function StatusPill({ current = false }: { current?: boolean }) {
  const status = useAppStore((s) => s.status);
  const asked = useAppStore((s) => s.credentialsQuestion !== null);
  const { label, tone } = asked ? { label: "Confirm the server", tone: "busy" as const } : describeStatus(status);
  return (
    <a
      className={`pill tone-${tone}`}
      href="#/connection"
      data-testid="status-pill"
      title={status.url ? `${status.url}: connection details` : "Connection details"}
      aria-label={`${label}: connection details`}
      aria-current={current ? "page" : undefined}
    >
      <span className="dot" aria-hidden="true" />
      {label}
    </a>
  );
}
