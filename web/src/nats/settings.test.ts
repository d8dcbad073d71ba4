import { describe, expect, it } from "vitest";
import { connectionOptions } from "./connection.ts";
import { DEFAULT_MAX_RECONNECTS, DEFAULT_RECONNECT_WAIT_SECONDS } from "./constants.ts";
import {
  credsProblem,
  defaultSettings,
  initialServers,
  sameServers,
  serverKey,
  serversOutsideAuth,
  serverUrlProblem,
  splitServers,
  validateSettings,
  type ConnectionSettings,
} from "./settings.ts";

const CREDS = `-----BEGIN NATS USER JWT-----
eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ.payload.sig
------END NATS USER JWT------

-----BEGIN USER NKEY SEED-----
SUACSSL3UAHUDXKFSNVUZRF5UHPMWZ6BFDTJ7M6USDXIEDNPPQYYYCU3VY
------END USER NKEY SEED------
`;

describe("defaultSettings", () => {
  it("uses the seed's reconnect policy: 5 attempts, 5 s apart", () => {
    expect(defaultSettings(["ws://localhost:9222"])).toEqual({
      servers: ["ws://localhost:9222"],
      maxReconnects: 5,
      reconnectWaitSeconds: 5,
    });
    expect(DEFAULT_MAX_RECONNECTS).toBe(5);
    expect(DEFAULT_RECONNECT_WAIT_SECONDS).toBe(5);
  });
});

describe("serverUrlProblem", () => {
  it.each(["ws://localhost:9222", "wss://nats.example.com", "ws://127.0.0.1:9222", " ws://localhost:9222 ", "WS://LOCALHOST:9222"])(
    "accepts %s",
    (url) => {
      expect(serverUrlProblem(url)).toBeNull();
    },
  );

  const cases: [string, string][] = [
    ["", "Enter a server URL, for example ws://localhost:9222."],
    ["   ", "Enter a server URL, for example ws://localhost:9222."],
    ["ws://a:1 ws://b:2", '"ws://a:1 ws://b:2" contains spaces; separate several servers with commas.'],
    ["localhost:9222", "Add the scheme: ws://localhost:9222. Without it the client assumes wss:// on port 443."],
    ["nats://localhost:4222", "nats:// is for programs using TCP; a browser needs the websocket port, e.g. ws://localhost:9222."],
    ["tls://localhost:4222", "tls:// is for programs using TCP; a browser needs the websocket port, e.g. ws://localhost:9222."],
    ["http://localhost:9222", "Use ws:// instead of http://: the browser talks to NATS over a WebSocket."],
    ["https://nats.example.com", "Use wss:// instead of https://: the browser talks to NATS over a WebSocket."],
    ["ftp://localhost", "Unknown scheme ftp://; use ws:// or wss://."],
    ["ws://localhost:4222", "Port 4222 is NATS' TCP port, which browsers cannot use; the websocket port is usually 9222."],
    ["ws://", '"ws://" is not a valid URL.'],
    ["ws://[::1", '"ws://[::1" is not a valid URL.'],
  ];
  it.each(cases)("%j → the sentence", (url, sentence) => {
    expect(serverUrlProblem(url)).toBe(sentence);
  });
});

describe("splitServers", () => {
  it("splits on commas and line breaks and drops blanks", () => {
    expect(splitServers("ws://a:1, ws://b:2\nws://c:3,,\n")).toEqual(["ws://a:1", "ws://b:2", "ws://c:3"]);
    expect(splitServers("  ")).toEqual([]);
  });
});

describe("credsProblem", () => {
  it("accepts a file with a user JWT and a user seed", () => {
    expect(credsProblem(CREDS)).toBeNull();
  });
  it("explains a file that is not a creds file, or lacks the seed", () => {
    expect(credsProblem("hello")).toBe('This is not a NATS credentials file: it has no "BEGIN NATS USER JWT" section.');
    expect(credsProblem(CREDS.split("\n\n")[0] ?? "")).toBe(
      'The credentials file has a JWT but no user seed ("BEGIN USER NKEY SEED", starting with SU).',
    );
  });
});

describe("validateSettings", () => {
  const ok: ConnectionSettings = defaultSettings(["ws://localhost:9222"]);

  it("has nothing to say about good settings, with a token or with creds", () => {
    expect(validateSettings(ok)).toEqual({});
    expect(validateSettings({ ...ok, token: "s3cret" })).toEqual({});
    expect(validateSettings({ ...ok, token: "" })).toEqual({});
    expect(validateSettings({ ...ok, creds: CREDS })).toEqual({});
    expect(validateSettings({ ...ok, maxReconnects: -1 })).toEqual({});
  });

  it("reports every problem by field, in sentences", () => {
    expect(validateSettings({ servers: [], token: "two words", creds: "nope", maxReconnects: 2.5, reconnectWaitSeconds: 0 })).toEqual({
      servers: "Enter a server URL, for example ws://localhost:9222.",
      token: "A token cannot contain spaces or line breaks.",
      creds: 'This is not a NATS credentials file: it has no "BEGIN NATS USER JWT" section.',
      maxReconnects: "Max reconnects must be a whole number. (-1 retries forever.)",
      reconnectWaitSeconds: "Reconnect wait must be between 1 and 600.",
    });
  });

  it("names the first bad server among several, and range errors", () => {
    expect(validateSettings({ ...ok, servers: ["ws://a:9222", "nats://b:4222"] }).servers).toMatch(/^nats:\/\/ is for programs using TCP/);
    expect(validateSettings({ ...ok, maxReconnects: 1001 }).maxReconnects).toBe(
      "Max reconnects must be between 0 and 1000. (-1 retries forever.)",
    );
    expect(validateSettings({ ...ok, reconnectWaitSeconds: 1.5 }).reconnectWaitSeconds).toBe("Reconnect wait must be a whole number.");
    expect(validateSettings({ ...ok, reconnectWaitSeconds: Number.NaN }).reconnectWaitSeconds).toBe(
      "Reconnect wait must be a whole number.",
    );
  });
});

describe("initialServers", () => {
  it("prefers ?server=, then the build's VITE_NATS_URL, then the fallback", () => {
    expect(initialServers("?server=ws://a:1&server=ws://b:2,ws://c:3", "ws://build:9", "ws://fallback:9")).toEqual([
      "ws://a:1",
      "ws://b:2",
      "ws://c:3",
    ]);
    expect(initialServers("", "ws://build:9, ws://build2:9", "ws://fallback:9")).toEqual(["ws://build:9", "ws://build2:9"]);
    expect(initialServers("?other=1", undefined, "ws://fallback:9")).toEqual(["ws://fallback:9"]);
    expect(initialServers("?server=", "", "ws://fallback:9")).toEqual(["ws://fallback:9"]);
  });
});

describe("credentials bound to their servers", () => {
  const bound = { ...defaultSettings(["ws://room:9222"]), token: "t0k", authFor: ["ws://room:9222"] };

  it("compares server URLs by scheme, host and port only", () => {
    expect(serverKey("WS://Room:9222/")).toBe("ws://room:9222");
    expect(serverKey("ws://room")).toBe("ws://room:80");
    expect(serverKey("wss://room")).toBe("wss://room:443");
    expect(sameServers(["ws://a:1", "ws://b:2"], ["ws://B:2", "ws://a:1/"])).toBe(true);
    expect(sameServers(["ws://a:1"], ["ws://a:2"])).toBe(false);
  });

  it("lists the servers the token or credentials were not given for", () => {
    expect(serversOutsideAuth(bound)).toEqual([]);
    expect(serversOutsideAuth({ ...bound, servers: ["ws://evil:9222"] })).toEqual(["ws://evil:9222"]);
    expect(serversOutsideAuth({ ...bound, servers: ["ws://room:9222", "ws://room:9223"] })).toEqual(["ws://room:9223"]);
    // Same host, other scheme or port: another server.
    expect(serversOutsideAuth({ ...bound, servers: ["wss://room:9222"] })).toEqual(["wss://room:9222"]);
    // Nothing to send, nothing to guard.
    expect(serversOutsideAuth({ ...defaultSettings(["ws://evil:1"]), authFor: ["ws://room:9222"] })).toEqual([]);
    // Without authFor they belong to the servers the settings name.
    expect(serversOutsideAuth({ ...defaultSettings(["ws://x:1"]), creds: CREDS })).toEqual([]);
  });

  it("the client options carry no token and no authenticator for a server the credentials were not given for", () => {
    const home = connectionOptions(bound, "t");
    expect(home.token).toBe("t0k");
    expect(home.ignoreClusterUpdates).toBe(true);
    const away = connectionOptions({ ...bound, servers: ["ws://evil:9222"], creds: CREDS }, "t");
    expect(away.token).toBeUndefined();
    expect(away.authenticator).toBeUndefined();
    expect(away.servers).toEqual(["ws://evil:9222"]);
  });
});
