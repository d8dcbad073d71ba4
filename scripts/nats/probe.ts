import WebSocket from "ws";

/**
 * Whether a NATS server answers on this websocket port: a NATS server sends INFO {…} first thing.
 * Resolves to the server's version, or null for silence, refusal or anything that is not NATS.
 */
export function probeNatsWebsocket(url: string, timeoutMs = 2000): Promise<string | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    const finish = (version: string | null) => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on("error", () => undefined);
      ws.terminate();
      resolve(version);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    ws.on("message", (data) => {
      const text = Buffer.isBuffer(data) ? data.toString("utf8") : String(data);
      const m = /^INFO\s+(\{.*\})/.exec(text);
      if (!m?.[1]) return finish(null);
      try {
        finish(String((JSON.parse(m[1]) as { version?: string }).version ?? "unknown"));
      } catch {
        finish(null);
      }
    });
    ws.on("error", () => finish(null));
    ws.on("unexpected-response", () => finish(null));
  });
}
