import WebSocket from "ws";

// Node 20 has no global WebSocket; wsconnect uses the global one, as in a browser.
if (!("WebSocket" in globalThis)) {
  Object.assign(globalThis, { WebSocket });
}
