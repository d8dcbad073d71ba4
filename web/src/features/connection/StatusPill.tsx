import { useAppStore } from "../../app/store.ts";
import { describeStatus } from "./describe.ts";

/** Compact status in the header, visible from every page; links to the connection panel. */
export function StatusPill() {
  const status = useAppStore((s) => s.status);
  const asked = useAppStore((s) => s.credentialsQuestion !== null);
  const { label, tone } = asked ? { label: "Confirm the server", tone: "busy" as const } : describeStatus(status);
  return (
    <a className={`pill tone-${tone}`} href="#/connection" data-testid="status-pill" title={status.url}>
      <span className="dot" aria-hidden="true" />
      {label}
    </a>
  );
}
