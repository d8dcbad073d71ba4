import { randomUUID } from "node:crypto";
import { wsconnect, type NatsConnection } from "@nats-io/nats-core";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { startNats, type NatsServer } from "../../../scripts/nats/launcher.ts";
import { freePort } from "../../../scripts/lib/ports.ts";
import { createLaneMetrics } from "../../src/metrics/index.ts";
import { openJetStream } from "../../src/nats/client.ts";
import { explainError, PlaygroundError } from "../../src/nats/errors.ts";
import { createSimpleProcessor, type SimpleProcessor } from "../../src/nats/modes/simple.ts";
import { createNamespace, type Namespace } from "../../src/nats/namespace.ts";
import type { ProcessorConfig } from "../../src/nats/processor.ts";
import { defaultSettings } from "../../src/nats/settings.ts";
import { ensureStream } from "../../src/nats/streams.ts";

const wsUrl = inject("natsWsUrl");
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn().catch(() => undefined);
});

const newNamespace = (): Namespace => createNamespace(`e-${randomUUID().slice(0, 8)}`, "lab");
const config = (servers: string[], name = "core"): ProcessorConfig => ({
  connection: defaultSettings(servers),
  namespace: newNamespace(),
  name,
});

async function connect(servers: string, extra: Parameters<typeof wsconnect>[0] = {}): Promise<NatsConnection> {
  const nc = await wsconnect({ servers, ...extra });
  cleanup.push(() => nc.close());
  return nc;
}

/** Awaits a rejection and returns it as the PlaygroundError the learner sees. */
async function failure(p: Promise<unknown> | (() => unknown)): Promise<PlaygroundError> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (err) {
    return explainError(err);
  }
  throw new Error("expected a failure, but it succeeded");
}

describe("every error of point 8, as the learner sees it", () => {
  it("invalid subject: empty, with a space, or a wildcard to publish to — refused before any connection", async () => {
    // Nothing listens on this port: reaching the server would fail with "unreachable" instead.
    const nowhere = [`ws://127.0.0.1:${await freePort()}`];
    const cases: [string, RegExp][] = [
      ["", /^The subject is empty: give it a name such as orders\.created\.$/],
      ["orders created", /^"orders created" contains a space or line break; subjects are dot-separated words without spaces\.$/],
      [
        "orders.*",
        /^"orders\.\*" contains a wildcard \(\* or >\): you can subscribe with wildcards, but publish only to a full subject\.$/,
      ],
      ["orders.>", /contains a wildcard/],
    ];
    for (const [subject, message] of cases) {
      const err = await failure(createSimpleProcessor({ ...config(nowhere), subject }));
      expect(err.kind).toBe("invalid-subject");
      expect(err.message).toMatch(message);
    }
  });

  it("invalid subject that reaches the client library directly gets the same sentence", async () => {
    const nc = await connect(wsUrl);
    const err = await failure(() => nc.publish("orders created", "x"));
    expect(err).toMatchObject({ kind: "invalid-subject", message: expect.stringMatching(/^"orders created" contains a space/) });
  });

  it("invalid stream name: through ensureStream, and straight from the JetStream client", async () => {
    const { nc, jsm } = await openJetStream(config([wsUrl]));
    cleanup.push(() => nc.close());
    const ns = newNamespace();
    const err = await failure(ensureStream(jsm, { name: "bad.name", subjects: [ns.subject("x")] }));
    expect(err.kind).toBe("invalid-name");
    expect(err.message).toBe('The stream name "bad.name" contains ".", "*" or ">", which names cannot hold; use letters, digits, - and _.');
    const spaced = await failure(ensureStream(jsm, { name: "my stream", subjects: [ns.subject("x")] }));
    expect(spaced.message).toBe('The stream name "my stream" contains a space; use letters, digits, - and _.');
    const raw = await failure(jsm.streams.add({ name: "bad.name", subjects: [ns.subject("y")] }));
    expect(raw).toMatchObject({ kind: "invalid-name", message: expect.stringMatching(/^That name is not valid: .*cannot contain '\.'/) });
    const empty = await failure(jsm.streams.add({ name: "", subjects: [ns.subject("z")] }));
    expect(empty).toMatchObject({ kind: "invalid-name", message: "The stream name is empty." });
    expect(await jsm.streams.find(ns.subject("x")).catch((e: Error) => e.message)).toMatch(/no stream matches subject/);
  });

  it("payload over the server's max_payload: both sizes through the processor, a plain sentence from the raw client", async () => {
    const p = await createSimpleProcessor(config([wsUrl]));
    cleanup.push(() => p.close());
    const err = await failure(p.publish(new Uint8Array(1_500_000)));
    expect(err.kind).toBe("payload-too-large");
    expect(err.message).toMatch(
      /^The message is 15000\d\d bytes \(1464\.\d KiB\), but this server accepts at most 1048576 bytes \(1024 KiB\) per message \(its max_payload\): send less data per message\. Nothing was sent\.$/,
    );
    const raw = await failure(() => p.connection.publish("lab.raw", new Uint8Array(1_500_000)));
    expect(raw).toMatchObject({
      kind: "payload-too-large",
      message: "The message is larger than the server's max_payload: send less data per message. Nothing was sent.",
    });
  });

  it("JetStream not enabled: opening JetStream, and a JetStream publish, on a server without it", async () => {
    const s = await startNats({ jetstream: false });
    cleanup.push(() => s.stop());
    const err = await failure(openJetStream(config([s.wsUrl])));
    expect(err.kind).toBe("jetstream-disabled");
    expect(err.message).toMatch(/^JetStream is not enabled on this server, so streams and consumers are unavailable\./);
    const nc = await connect(s.wsUrl);
    const pub = await failure(jetstream(nc).publish("orders.created", "x"));
    expect(pub.kind).toBe("no-stream");
    expect(pub.message).toMatch(
      /^Nothing stored the message published to "orders\.created": no stream captures that subject \(or JetStream is not enabled on this server\)/,
    );
  });

  it("a JetStream publish with no stream for the subject names the subject, not a missing JetStream", async () => {
    const nc = await connect(wsUrl);
    const subject = newNamespace().subject("nostream");
    const err = await failure(jetstream(nc).publish(subject, "x"));
    expect(err).toMatchObject({
      kind: "no-stream",
      message: expect.stringContaining(`published to "${subject}": no stream captures that subject`),
    });
  });

  it("timeout: a request whose responder never answers", async () => {
    const nc = await connect(wsUrl);
    const subject = newNamespace().subject("silent");
    nc.subscribe(subject, { callback: () => undefined });
    await nc.flush();
    const started = Date.now();
    const err = await failure(nc.request(subject, "ping", { timeout: 200 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(err).toMatchObject({
      kind: "timeout",
      message: "The server did not answer in time. It may be overloaded or the network is slow; try again.",
    });
    const none = await failure(nc.request(newNamespace().subject("nobody"), "ping", { timeout: 1000 }));
    expect(none).toMatchObject({ kind: "no-responders", message: expect.stringMatching(/^Nobody is listening on that subject/) });
  });

  it("connection closed: publishing or subscribing on a closed processor", async () => {
    const p = await createSimpleProcessor(config([wsUrl]));
    await p.close();
    const pub = await failure(p.publish(new TextEncoder().encode("late")));
    expect(pub).toMatchObject({ kind: "closed", message: "The connection is closed: connect again to continue." });
    const sub = await failure(p.consume(() => undefined));
    expect(sub.kind).toBe("closed");
  });
});

describe("permission denied, on a server with per-user permissions", () => {
  let server: NatsServer;
  beforeAll(async () => {
    server = await startNats({
      // "anon" is who a client without credentials becomes (no_auth_user), so the processors, which
      // connect without a user, run under the same deny rules as "u".
      extraConfig: `authorization {
  users: [
    { user: "u", password: "p", permissions: { publish: { deny: ["secret.>"] }, subscribe: { deny: ["secret.>"] } } }
    { user: "anon", password: "anon-unused", permissions: { publish: { deny: ["secret.>"] } } }
  ]
}
no_auth_user: "anon"`,
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it("a core publish is not refused at the call: the violation arrives later as an error status", async () => {
    const nc = await connect(server.wsUrl, { user: "u", pass: "p" });
    const statusErrors: PlaygroundError[] = [];
    void (async () => {
      for await (const s of nc.status()) if (s.type === "error") statusErrors.push(explainError(s.error));
    })();
    nc.publish("secret.plans", "x"); // returns normally: core NATS sends without waiting for an answer
    await nc.flush();
    await expect.poll(() => statusErrors.length).toBe(1);
    expect(statusErrors[0]).toMatchObject({
      kind: "permission",
      message:
        'Permission denied: your user may not publish to "secret.plans". The server\'s permissions for this user forbid it; use a subject inside your own namespace, or ask your instructor for access.',
    });
    expect(nc.isClosed()).toBe(false);
  });

  it("a request and a subscription to a denied subject fail with the same kind of sentence", async () => {
    const nc = await connect(server.wsUrl, { user: "u", pass: "p" });
    const req = await failure(nc.request("secret.ask", "?", { timeout: 2000 }));
    expect(req).toMatchObject({
      kind: "permission",
      message: expect.stringMatching(/^Permission denied: your user may not publish to "secret\.ask"\./),
    });
    const sub = nc.subscribe("secret.feed");
    const closedWith = await sub.closed;
    const err = explainError(closedWith);
    expect(err).toMatchObject({
      kind: "permission",
      message: expect.stringMatching(/^Permission denied: your user may not subscribe to "secret\.feed"\./),
    });
    const js = await failure(jetstream(nc).publish("secret.stored", "x"));
    expect(js).toMatchObject({ kind: "permission", message: expect.stringMatching(/may not publish to "secret\.stored"/) });
  });

  it("the simple processor reports the violation as its last error and counts a publish error", async () => {
    const metrics = createLaneMetrics(Date.now());
    const p: SimpleProcessor = await createSimpleProcessor({ ...config([server.wsUrl]), subject: "secret.orders", metrics });
    cleanup.push(() => p.close());
    await p.publish(new TextEncoder().encode("x"));
    await p.settle();
    await expect.poll(() => p.lastError()?.kind).toBe("permission");
    expect(p.lastError()?.message).toMatch(/^Permission denied: your user may not publish to "secret\.orders"\./);
    expect(metrics.snapshot(Date.now()).counters).toMatchObject({ published: 1, publishErrors: 1 });
    // Allowed subjects still work on the same connection.
    const jsm = await jetstreamManager(p.connection);
    expect((await jsm.getAccountInfo()).streams).toBe(0);
  });
});
