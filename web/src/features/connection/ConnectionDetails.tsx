import type { AccountQuota, ConnectionStatus } from "../../nats/connection.ts";
import { bytes } from "../../shared/format.ts";

/** "256.0 MiB disk (1.2 MiB used), 32.0 MiB memory, 32 streams (3), 128 consumers (3)"; -1 is no limit. */
export function quotaLine(q: AccountQuota): string {
  const limit = (n: number, fmt: (n: number) => string) => (n < 0 ? "no limit" : fmt(n));
  return [
    `${limit(q.diskBytes, bytes)} disk (${bytes(q.used.diskBytes)} used)`,
    `${limit(q.memoryBytes, bytes)} memory (${bytes(q.used.memoryBytes)} used)`,
    `${limit(q.streams, String)} streams (${q.used.streams} now)`,
    `${limit(q.consumers, String)} consumers (${q.used.consumers} now)`,
  ].join(", ");
}

/** Server name and version, JetStream availability and RTT, as reported by the server itself. */
export function ConnectionDetails({ status }: { status: ConnectionStatus }) {
  if (!status.serverVersion) return null;
  const stale = status.state !== "connected";
  return (
    <dl className={`details${stale ? " stale" : ""}`} aria-label="Server">
      <dt>Server</dt>
      <dd data-testid="server-name">{status.serverName ?? "unnamed"}</dd>
      <dt>Version</dt>
      <dd data-testid="server-version">nats-server {status.serverVersion}</dd>
      <dt>URL</dt>
      <dd>{status.url}</dd>
      <dt>JetStream</dt>
      <dd data-testid="jetstream-status">
        {status.jetstream === "enabled" && "JetStream enabled"}
        {status.jetstream === "disabled" && (
          <>
            JetStream disabled
            <span className="muted"> — {status.jetstreamReason}</span>
          </>
        )}
        {status.jetstream === "unknown" && "checking…"}
      </dd>
      {status.quota && (
        <>
          <dt>Your quota</dt>
          <dd data-testid="quota">{quotaLine(status.quota)}</dd>
        </>
      )}
      <dt>Round trip</dt>
      <dd data-testid="rtt">{status.rttMs !== undefined ? `${status.rttMs} ms` : "—"}</dd>
    </dl>
  );
}
