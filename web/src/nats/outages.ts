import type { NatsConnection } from "@nats-io/nats-core";
import type { ConnectionSettings } from "./settings.ts";

/** "1.9 s" */
export const seconds = (ms: number): string => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;

/** The reconnect policy in words: "up to 5 attempts, 5 s apart"; -1 is the client's "forever". */
export function attemptsText(p: Pick<ConnectionSettings, "maxReconnects" | "reconnectWaitSeconds">): string {
  return p.maxReconnects === -1
    ? `every ${p.reconnectWaitSeconds} s, without limit`
    : `up to ${p.maxReconnects.toLocaleString("en")} attempt${p.maxReconnects === 1 ? "" : "s"}, ${p.reconnectWaitSeconds} s apart`;
}

/** What a connection's owner hears about its outages (the client reconnects by itself in between). */
export interface OutageHandlers {
  /** The connection dropped; the client starts reconnecting. Once per outage, not per failed attempt. */
  onLost(at: number): void;
  /** Connected again (to `server`) after `downMs`. */
  onBack(downMs: number, server: string): void;
  /** Every reconnect attempt failed and the client closed the connection: it will not come back by itself. */
  onGaveUp(downMs: number, error: Error | undefined): void;
  /**
   * Closed while connected, not after an outage: the code closed it itself (no error), or the server
   * closed it with an error the client does not reconnect from.
   */
  onClosed?(error: Error | undefined): void;
}

/**
 * Watches one connection for outages: lost → back, or lost → gave up; a close without an outage is
 * onClosed, never "gave up". `dispose()` before closing the connection on purpose, so the owner's own
 * close is not reported at all.
 */
export function watchOutages(nc: NatsConnection, handlers: OutageHandlers, now: () => number = Date.now): { dispose(): void } {
  let disposed = false;
  let since: number | null = null;
  void (async () => {
    for await (const s of nc.status()) {
      if (disposed) return;
      if (s.type === "disconnect" && since === null) {
        since = now();
        handlers.onLost(since);
      } else if (s.type === "reconnect" && since !== null) {
        const downMs = now() - since;
        since = null;
        handlers.onBack(downMs, s.server);
      }
    }
  })();
  void nc.closed().then((err) => {
    if (disposed) return;
    disposed = true;
    const error = err instanceof Error ? err : undefined;
    if (since === null) handlers.onClosed?.(error);
    else handlers.onGaveUp(now() - since, error);
  });
  return {
    dispose: () => {
      disposed = true;
    },
  };
}
