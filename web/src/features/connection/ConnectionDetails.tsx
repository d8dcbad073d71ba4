import type { ConnectionStatus } from "../../nats/connection.ts";

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
      <dt>Round trip</dt>
      <dd data-testid="rtt">{status.rttMs !== undefined ? `${status.rttMs} ms` : "—"}</dd>
    </dl>
  );
}
