import WebSocket from "ws";

/** Node 20 has no global WebSocket; the NATS client's wsconnect uses the global one, as in a browser. */
export function ensureWebSocket(): void {
  if (!("WebSocket" in globalThis)) Object.assign(globalThis, { WebSocket });
}
