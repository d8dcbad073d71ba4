// The web server for `npm start` and for a room: the production build, served precompressed (brotli or
// gzip, made at build time), hashed assets cached for a year, the pages revalidated; /room.json with the
// room's join information. It answers to the machine's own names and addresses (a link with the
// instructor's machine name works) and refuses other Host headers, so a DNS-rebinding page cannot read it.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { isIP } from "node:net";
import os from "node:os";
import sirv from "sirv";
import type { JoinInfo } from "../../web/src/room/contract.ts";

export interface WebServerOptions {
  /** The production build (dist/). */
  dist: string;
  /** Interface to listen on: localhost alone, or 0.0.0.0 for a room. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** More names the page may be opened by (PLAYGROUND_ALLOWED_HOSTS). */
  allowedHosts?: string[];
  /** The room's join information for /room.json; absent in solo mode (204, no content). */
  roomInfo?: () => JoinInfo;
}

export interface WebServer {
  port: number;
  /** http://localhost:<port> */
  localUrl: string;
  /** http://<address>:<port> for each external interface, when listening on all of them. */
  networkUrls: string[];
  close(): Promise<void>;
}

/** Names this machine answers to: its host name (with and without .local), localhost, and any listed. */
export function machineNames(extra: string[] = []): Set<string> {
  const host = os.hostname().toLowerCase();
  const short = host.split(".")[0] ?? host;
  return new Set(["localhost", host, short, `${short}.local`, ...extra.map((h) => h.trim().toLowerCase()).filter(Boolean)]);
}

/** The host part of a Host header ("name:port", "[::1]:port"). */
export function hostOf(header: string | undefined): string {
  const h = (header ?? "").trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(1, h.indexOf("]"));
  return h.replace(/:\d+$/, "");
}

/** Whether a request for this Host may be answered: an IP address, localhost, or one of the machine's names. */
export function hostAllowed(header: string | undefined, names: Set<string>): boolean {
  const host = hostOf(header);
  return host !== "" && (isIP(host) !== 0 || names.has(host) || host.endsWith(".localhost"));
}

/** Hashed file names never change content: cache them for a year. Everything else revalidates. */
function cacheHeaders(res: ServerResponse, pathname: string): void {
  res.setHeader("Cache-Control", pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
}

export function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const names = machineNames(opts.allowedHosts);
  const files = sirv(opts.dist, { etag: true, gzip: true, brotli: true, setHeaders: cacheHeaders });
  const refuse = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
    res.end(text);
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (!hostAllowed(req.headers.host, names)) {
      const host = hostOf(req.headers.host);
      return refuse(
        res,
        403,
        `This playground does not answer to the name "${host}". Open it by this machine's name (${os.hostname()}) or address, ` +
          `or let it answer to "${host}" with PLAYGROUND_ALLOWED_HOSTS=${host}.\n`,
      );
    }
    if (req.method !== "GET" && req.method !== "HEAD") return refuse(res, 405, "Only GET and HEAD.\n");
    const pathname = (req.url ?? "/").split("?")[0];
    if (pathname === "/room.json") {
      // Solo: "no room" without an error in every page's console.
      if (!opts.roomInfo) {
        res.writeHead(204, { "Cache-Control": "no-store" });
        return res.end();
      }
      res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
      return res.end(JSON.stringify(opts.roomInfo()));
    }
    files(req, res, () => refuse(res, 404, "Not found.\n"));
  };
  const server = createServer(handle);
  // A room's 200 browsers arrive at once; keep-alive sockets let each fetch the assets on one connection.
  server.keepAliveTimeout = 10_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      const addr = server.address();
      const port = typeof addr === "object" && addr ? addr.port : opts.port;
      const all = opts.host === "0.0.0.0" || opts.host === "::";
      const networkUrls = all
        ? Object.values(os.networkInterfaces())
            .flat()
            .filter((i) => i && i.family === "IPv4" && !i.internal)
            .map((i) => `http://${i!.address}:${port}`)
        : [];
      resolve({
        port,
        localUrl: `http://localhost:${port}`,
        networkUrls,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
