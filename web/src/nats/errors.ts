import { NATS_TCP_PORT, NATS_WS_PORT } from "./constants.ts";
import { subjectProblem } from "./names.ts";

/** What went wrong, in categories a learner can act on. */
export type ErrorKind =
  | "unreachable"
  | "auth"
  | "timeout"
  | "closed"
  | "jetstream-disabled"
  | "permission"
  | "invalid-subject"
  | "invalid-name"
  | "payload-too-large"
  | "stream-conflict"
  | "consumer-gone"
  | "no-stream"
  | "no-responders"
  | "aborted"
  | "not-nats"
  /** A setting out of range or contradicting another (window longer than max age, negative rate…). */
  | "invalid-setting"
  /** The call does not fit the current state (consuming twice…). */
  | "invalid-operation"
  /** The account's own limits (a room seat's quota): connections, subscriptions, streams, consumers, storage. */
  | "quota"
  | "unknown";

/** An error whose message is a sentence a learner understands; `detail` keeps what the library said. */
export class PlaygroundError extends Error {
  override readonly name = "PlaygroundError";
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly detail: string = "",
  ) {
    super(message);
  }
}

/** What we knew when the error happened, so the message can be specific. */
export interface ErrorContext {
  /** The server URL being connected to. */
  url?: string;
  /** Whether a token or credentials were offered (wrong vs missing). */
  offeredAuth?: boolean;
  /** Size of the message that was being published, for a payload-too-large sentence. */
  payloadBytes?: number;
  /** The server's max_payload (from its INFO), for a payload-too-large sentence. */
  maxPayloadBytes?: number;
}

function describe(err: unknown): { name: string; message: string } {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? ` (${err.cause.message})` : "";
    return { name: err.name, message: `${err.message}${cause}` };
  }
  return { name: "", message: String(err) };
}

function portOf(url: string | undefined): string {
  if (!url) return "";
  try {
    return new URL(url).port;
  } catch {
    return "";
  }
}

function unreachable(url: string | undefined, detail: string): PlaygroundError {
  const where = url ?? "the server";
  if (portOf(url) === String(NATS_TCP_PORT)) {
    return new PlaygroundError(
      "not-nats",
      `${where} is NATS' TCP port (${NATS_TCP_PORT}); browsers can only use the websocket port (${NATS_WS_PORT} in this playground's config).`,
      detail,
    );
  }
  return new PlaygroundError(
    "unreachable",
    `Could not open a NATS websocket at ${where}. Either no server is listening there, or that port is not a NATS websocket port ` +
      `(the TCP client port, ${NATS_TCP_PORT} by default, does not work from a browser). Check the server is running and its websocket port.`,
    detail,
  );
}

const ABORTED = "The operation was cancelled before it completed; nothing was sent.";

/** The publish was cancelled (an aborted AbortSignal) before anything reached the server. */
export function abortedError(detail = ""): PlaygroundError {
  return new PlaygroundError("aborted", ABORTED, detail);
}

const kib = (bytes: number) => `${Math.round((bytes / 1024) * 10) / 10} KiB`;

/** A message bigger than the server's max_payload; the sentence names both sizes when they are known. */
export function payloadTooLargeError(bytes: number | undefined, maxBytes: number | undefined, detail = ""): PlaygroundError {
  const sizes =
    bytes !== undefined && maxBytes !== undefined
      ? `The message is ${bytes} bytes (${kib(bytes)}), but this server accepts at most ${maxBytes} bytes (${kib(maxBytes)}) per message (its max_payload)`
      : "The message is larger than the server's max_payload";
  return new PlaygroundError("payload-too-large", `${sizes}: send less data per message. Nothing was sent.`, detail);
}

/** "Permissions Violation for Publish to "x"" → the operation and subject, for a sentence. */
function permissionError(err: unknown, message: string): PlaygroundError {
  const fields = err as { operation?: unknown; subject?: unknown };
  const m = /(Publish|Subscription) to "(\S+)"/i.exec(message);
  const op = typeof fields.operation === "string" && fields.operation ? fields.operation : (m?.[1]?.toLowerCase() ?? "");
  const subject = typeof fields.subject === "string" && fields.subject ? fields.subject : (m?.[2] ?? "");
  const what = op === "subscription" ? "subscribe to" : op === "publish" ? "publish to" : "use";
  const target = subject ? `"${subject}"` : "that subject";
  return new PlaygroundError(
    "permission",
    `Permission denied: your user may not ${what} ${target}. The server's permissions for this user forbid it; ` +
      "use a subject inside your own namespace, or ask your instructor for access.",
    message,
  );
}

/** The client's "illegal subject: 'x'" → the same sentence our own subject check gives. */
function invalidSubject(message: string): PlaygroundError {
  const subject = /subject: '(.*)'/s.exec(message)?.[1];
  const problem = subject !== undefined ? subjectProblem(subject, { publish: true }) : null;
  return new PlaygroundError(
    "invalid-subject",
    problem ?? "The server rejected a subject: subjects are dot-separated words without spaces, and * or > stand alone between dots.",
    message,
  );
}

/** A JetStream request nobody answered: no stream for a publish subject, or no JetStream at all. */
function noJetStreamAnswer(message: string): PlaygroundError {
  const subject = /no responders: '([^']*)'/.exec(message)?.[1];
  if (subject && !subject.startsWith("$JS.")) {
    return new PlaygroundError(
      "no-stream",
      `Nothing stored the message published to "${subject}": no stream captures that subject (or JetStream is not enabled on this server). ` +
        "Create a stream whose subjects include it first.",
      message,
    );
  }
  return new PlaygroundError(
    "jetstream-disabled",
    "JetStream is not enabled on this server, so streams and consumers are unavailable. Start nats-server with JetStream (-js, or the playground's docker/nats.conf).",
    message,
  );
}

/** The server's words for an account limit, and the sentence that names the limit. */
const QUOTAS: [RegExp, string][] = [
  [
    /maximum account active connections exceeded|maximum connections exceeded/,
    "The server refused another connection: your account already has as many open as it may (in a workshop room each seat " +
      "has a fixed number). Close other tabs of the playground or stop a Run, then connect again.",
  ],
  [
    /maximum subscriptions exceeded/,
    "Your account has reached its limit of subscriptions, so the server dropped this one. Unsubscribe from what you no " +
      "longer need (or end the Run that made them).",
  ],
  [
    /maximum number of streams reached|maximum streams exceeded/,
    "Your account may not create more streams: its limit of streams is reached. Delete a stream you no longer need " +
      "(Reset in the lab deletes the lab's).",
  ],
  [
    /maximum consumers limit reached|maximum consumers exceeded/,
    "Your account may not create more consumers: its limit of consumers is reached. Delete consumers you no longer need.",
  ],
  [
    /resource limits exceeded for account|account storage limit/,
    "Your account's JetStream storage is full: it has used its quota of disk or memory (in a workshop room each seat has " +
      "its own). Nothing more is stored until you purge or delete a stream you no longer need (Reset in the lab does it for the lab's).",
  ],
  [
    /insufficient (storage )?resources/,
    "JetStream has no room for this: the stream would need more storage than your account's quota or the server's store " +
      "has left. Purge or delete a stream you no longer need, or ask for less (a smaller max bytes).",
  ],
];

/** Turns anything the NATS client threw into a PlaygroundError with a plain message. */
export function explainError(err: unknown, ctx: ErrorContext = {}): PlaygroundError {
  if (err instanceof PlaygroundError) return err;
  const { name, message } = describe(err);
  const text = message.toLowerCase();

  if (text.includes("authentication timeout")) {
    return new PlaygroundError(
      "timeout",
      "The server gave up waiting for this client to log in: the network, the server or this machine is busy. Try again.",
      message,
    );
  }
  if (name === "AuthorizationError" || text.includes("authorization violation") || text.includes("authentication")) {
    return new PlaygroundError(
      "auth",
      ctx.offeredAuth === false
        ? "The server requires authentication: enter its token or choose a credentials file."
        : "The server refused the token or credentials: check them with your instructor.",
      message,
    );
  }
  if (name === "PermissionViolationError" || text.includes("permissions violation")) return permissionError(err, message);
  const quota = QUOTAS.find(([pattern]) => pattern.test(text));
  if (quota) return new PlaygroundError("quota", quota[1], message);
  if (name === "JetStreamNotEnabled" || text.includes("jetstream not enabled") || text.includes("jetstream is not enabled")) {
    return noJetStreamAnswer(message);
  }
  if (name === "InvalidSubjectError" || text.includes("illegal subject") || text.includes("invalid subject"))
    return invalidSubject(message);
  if (text.includes("maximum payload") || text.includes("max_payload") || text.includes("payload exceeded")) {
    return payloadTooLargeError(ctx.payloadBytes, ctx.maxPayloadBytes, message);
  }
  if (name === "AbortError" || text.includes("aborted")) return abortedError(message);
  if (name === "ConsumerNotFoundError" || text.includes("consumer not found") || text.includes("consumer deleted")) {
    return new PlaygroundError(
      "consumer-gone",
      "The consumer no longer exists on the server. A consumer with an inactive threshold is deleted after that long without a client; it starts over when created again.",
      message,
    );
  }
  if (name === "StreamNotFoundError" || text.includes("stream not found")) {
    return new PlaygroundError(
      "no-stream",
      "The stream no longer exists on the server: it was deleted, or the server restarted with an empty store.",
      message,
    );
  }
  if (text.includes("subjects overlap")) {
    return new PlaygroundError(
      "stream-conflict",
      "Another stream already captures these subjects; one subject can belong to only one stream.",
      message,
    );
  }
  if (text.includes("stream name already in use")) {
    return new PlaygroundError("stream-conflict", "A stream with this name already exists with a different configuration.", message);
  }
  if (text.includes("stream name required")) return new PlaygroundError("invalid-name", "The stream name is empty.", message);
  if (name === "InvalidNameError" || text.includes("invalid name") || text.includes("invalid stream name")) {
    return new PlaygroundError("invalid-name", `That name is not valid: ${message}. Use letters, digits, - and _.`, message);
  }
  if (name === "TimeoutError" || text.includes("timeout")) {
    return new PlaygroundError(
      "timeout",
      "The server did not answer in time. It may be overloaded or the network is slow; try again.",
      message,
    );
  }
  if (name === "NoRespondersError" || name === "NoResponders" || text.includes("no responders")) {
    return new PlaygroundError(
      "no-responders",
      "Nobody is listening on that subject, so the request got no answer. Start a subscriber (or service) for it first.",
      message,
    );
  }
  if (name === "ClosedConnectionError" || name === "DrainingConnectionError" || text.includes("closed connection")) {
    return new PlaygroundError("closed", "The connection is closed: connect again to continue.", message);
  }
  if (text.includes("unexpected response") || text.includes("parse error") || text.includes("invalid status line")) {
    return unreachable(ctx.url, message);
  }
  if (name === "ConnectionError" || text.includes("connection refused") || text.includes("econnrefused") || text.includes("websocket")) {
    return unreachable(ctx.url, message);
  }
  return new PlaygroundError("unknown", message || "Something went wrong with the NATS connection.", message);
}
