// A stranger's "NATS server" for tests of where credentials go: a websocket server that speaks just
// enough of the protocol to get a client's CONNECT (INFO with auth_required and a nonce to sign, as a
// server relaying the real server's nonce would), then records everything the client sends.
import { WebSocketServer } from "ws";
import { freePort } from "../../../scripts/lib/ports.ts";

export interface Recorder {
  url: string;
  /** Every text the clients sent, in order (CONNECT lines included). */
  received: string[];
  /** Websocket connections accepted. */
  connections: number;
  /** The JSON of every CONNECT received. */
  connects(): Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startRecorder(nonce = "relayed-nonce-of-the-real-server"): Promise<Recorder> {
  const port = await freePort();
  const wss = new WebSocketServer({ port, host: "127.0.0.1" });
  const rec: Recorder = {
    url: `ws://127.0.0.1:${port}`,
    received: [],
    connections: 0,
    connects: () =>
      rec.received
        .flatMap((t) => t.split("\r\n"))
        .filter((l) => l.startsWith("CONNECT "))
        .map((l) => JSON.parse(l.slice("CONNECT ".length)) as Record<string, unknown>),
    close: () => new Promise((r) => wss.close(() => r())),
  };
  wss.on("connection", (socket) => {
    rec.connections++;
    const info = {
      server_id: "RECORDER",
      server_name: "recorder",
      version: "2.9.10",
      proto: 1,
      headers: true,
      max_payload: 1048576,
      auth_required: true,
      nonce,
    };
    socket.send(Buffer.from(`INFO ${JSON.stringify(info)}\r\n`));
    socket.on("message", (data) => {
      const text = data.toString();
      rec.received.push(text);
      // Answer a PING so a client that sent no credentials sees a server, then refuse as a real one would.
      if (text.includes("PING")) socket.send(Buffer.from("-ERR 'Authorization Violation'\r\n"));
    });
  });
  await new Promise((r) => wss.once("listening", r));
  return rec;
}
