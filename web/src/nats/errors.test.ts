import {
  AuthorizationError,
  ClosedConnectionError,
  ConnectionError,
  DrainingConnectionError,
  InvalidArgumentError,
  InvalidSubjectError,
  NoRespondersError,
  PermissionViolationError,
  RequestError,
  TimeoutError,
} from "@nats-io/nats-core";
import { jserrors } from "@nats-io/jetstream/internal";
import { describe, expect, it } from "vitest";
import { abortedError, explainError, payloadTooLargeError, PlaygroundError, type ErrorKind } from "./errors.ts";

// The errors are built with the client libraries' own classes, the way they throw them.
const permission = (s: string) => PermissionViolationError.parse(s) as PermissionViolationError;
const noResponders = (subject: string) => new RequestError(`no responders: '${subject}'`, { cause: new NoRespondersError(subject) });
const noJetStream = (subject: string) => new jserrors.JetStreamNotEnabled("jetstream is not enabled", { cause: noResponders(subject) });

const table: [string, unknown, ErrorKind, string | RegExp][] = [
  ["authorization violation", new AuthorizationError("Authorization Violation"), "auth", /refused the token or credentials/],
  ["JetStream off ($JS API unanswered)", noJetStream("$JS.API.INFO"), "jetstream-disabled", /^JetStream is not enabled on this server/],
  ["JetStream off for the account", new Error("jetstream not enabled for account"), "jetstream-disabled", /^JetStream is not enabled/],
  [
    "JetStream publish with no stream",
    noJetStream("orders.created"),
    "no-stream",
    /^Nothing stored the message published to "orders\.created": no stream captures that subject/,
  ],
  [
    "publish permission",
    permission('Permissions Violation for Publish to "secret.x"'),
    "permission",
    /^Permission denied: your user may not publish to "secret\.x"\./,
  ],
  [
    "subscribe permission",
    permission('Permissions Violation for Subscription to "secret.>"'),
    "permission",
    /^Permission denied: your user may not subscribe to "secret\.>"\./,
  ],
  [
    "permission wrapped in a request error",
    new RequestError('Permissions Violation for Publish to "secret.y"'),
    "permission",
    /may not publish to "secret\.y"/,
  ],
  ["illegal subject with a space", new InvalidSubjectError("a b"), "invalid-subject", /^"a b" contains a space or line break/],
  ["illegal empty subject", new InvalidSubjectError(""), "invalid-subject", /^The subject is empty/],
  ["server: invalid subject", new Error("invalid subject"), "invalid-subject", /^The server rejected a subject/],
  [
    "max_payload",
    InvalidArgumentError.format("payload", "max_payload size exceeded"),
    "payload-too-large",
    /larger than the server's max_payload/,
  ],
  [
    "AbortError",
    new DOMException("This operation was aborted", "AbortError"),
    "aborted",
    /cancelled before it completed; nothing was sent/,
  ],
  [
    "consumer not found",
    new jserrors.ConsumerNotFoundError({ code: 404, err_code: 10014, description: "consumer not found" }),
    "consumer-gone",
    /no longer exists/,
  ],
  ["subjects overlap", new Error("subjects overlap with an existing stream"), "stream-conflict", /Another stream already captures/],
  ["stream name in use", new Error("stream name already in use with a different configuration"), "stream-conflict", /already exists/],
  ["empty stream name", new Error("stream name required"), "invalid-name", "The stream name is empty."],
  [
    "bad stream name",
    new jserrors.InvalidNameError("stream name ('a.b') cannot contain '.'"),
    "invalid-name",
    /^That name is not valid: stream name/,
  ],
  ["timeout", new TimeoutError(), "timeout", /did not answer in time/],
  ["no responders", noResponders("svc.echo"), "no-responders", /^Nobody is listening on that subject/],
  ["closed", new ClosedConnectionError(), "closed", "The connection is closed: connect again to continue."],
  ["draining", new DrainingConnectionError(), "closed", /connection is closed/],
  ["refused", new ConnectionError("connection refused"), "unreachable", /Could not open a NATS websocket/],
  ["anything else", new Error("something odd"), "unknown", "something odd"],
  ["a thrown string", "plain text", "unknown", "plain text"],
];

describe("explainError", () => {
  it.each(table)("%s", (_label, err, kind, message) => {
    const e = explainError(err);
    expect(e).toBeInstanceOf(PlaygroundError);
    expect(e.kind).toBe(kind);
    if (typeof message === "string") expect(e.message).toBe(message);
    else expect(e.message).toMatch(message);
  });

  it("keeps what the library said in detail", () => {
    expect(explainError(new TimeoutError()).detail).toBe("timeout");
  });

  it("passes a PlaygroundError through unchanged", () => {
    const e = new PlaygroundError("stream-conflict", "x");
    expect(explainError(e)).toBe(e);
  });

  it("tells a missing token from a wrong one", () => {
    expect(explainError(new AuthorizationError("Authorization Violation"), { offeredAuth: false }).message).toMatch(
      /requires authentication/,
    );
    expect(explainError(new AuthorizationError("Authorization Violation"), { offeredAuth: true }).message).toMatch(/refused/);
  });

  it("an authentication timeout is a busy server or network, not a wrong token, and may be retried", () => {
    const e = explainError(new AuthorizationError("Authentication Timeout"), { offeredAuth: true });
    expect(e.kind).toBe("timeout");
    expect(e.message).toMatch(/gave up waiting for this client to log in/);
  });

  it.each([
    ["maximum account active connections exceeded", /another connection/],
    ["maximum subscriptions exceeded", /limit of subscriptions/],
    ["maximum number of streams reached", /limit of streams/],
    ["maximum consumers limit reached", /limit of consumers/],
    ["resource limits exceeded for account", /storage is full/],
    ["insufficient resources", /no room for this/],
  ])("an account limit (%s) is a quota sentence naming the limit", (server, sentence) => {
    const e = explainError(new Error(server));
    expect(e.kind).toBe("quota");
    expect(e.message).toMatch(sentence);
    expect(e.detail).toBe(server);
  });

  it("names the TCP port when a websocket client was pointed at it", () => {
    const e = explainError(new Error("invalid status line"), { url: "ws://localhost:4222" });
    expect(e.kind).toBe("not-nats");
    expect(e.message).toMatch(/TCP port \(4222\)/);
  });

  it("puts both sizes in a payload sentence when it knows them", () => {
    const e = explainError(InvalidArgumentError.format("payload", "max_payload size exceeded"), {
      payloadBytes: 2_000_000,
      maxPayloadBytes: 1_048_576,
    });
    expect(e.message).toBe(
      "The message is 2000000 bytes (1953.1 KiB), but this server accepts at most 1048576 bytes (1024 KiB) per message (its max_payload): " +
        "send less data per message. Nothing was sent.",
    );
  });
});

describe("error constructors", () => {
  it("payloadTooLargeError without sizes falls back to a general sentence", () => {
    expect(payloadTooLargeError(undefined, undefined)).toMatchObject({
      kind: "payload-too-large",
      message: expect.stringMatching(/^The message is larger/),
    });
  });

  it("abortedError keeps the reason as detail", () => {
    expect(abortedError("user pressed stop")).toMatchObject({ kind: "aborted", detail: "user pressed stop" });
  });
});
