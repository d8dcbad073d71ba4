import { useAppStore } from "../../app/store.ts";
import { describeStatus } from "./describe.ts";

/** Compact status in the header, visible from every page; links to the connection panel. */
export function StatusPill() {
  const status = useAppStore((s) => s.status);
  const { label, tone } = describeStatus(status);
  return (
    <a className={`pill tone-${tone}`} href="#/connection" data-testid="status-pill" title={status.url}>
      <span className="dot" aria-hidden="true" />
      {label}
    </a>
  );
}
