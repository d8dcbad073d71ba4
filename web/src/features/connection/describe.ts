import type { ConnectionStatus } from "../../nats/connection.ts";

export type Tone = "ok" | "busy" | "bad" | "idle";

/** The one-line status a learner reads, and its colour. */
export function describeStatus(s: ConnectionStatus): { label: string; tone: Tone } {
  switch (s.state) {
    case "idle":
      return { label: "Not connected", tone: "idle" };
    case "connecting":
      return { label: "Connecting…", tone: "busy" };
    case "connected":
      return { label: "Connected", tone: "ok" };
    case "reconnecting": {
      const max = s.maxReconnects === -1 ? "∞" : String(s.maxReconnects);
      return {
        label: s.reconnectAttempt > 0 ? `Reconnecting (attempt ${s.reconnectAttempt} of ${max})` : "Connection lost, reconnecting…",
        tone: "busy",
      };
    }
    case "gave-up":
      return { label: "Disconnected, gave up", tone: "bad" };
    case "failed":
      return { label: "Connection failed", tone: "bad" };
  }
}
