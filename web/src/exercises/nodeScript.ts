// "Download as a Node script": the learner's exercise code as one TypeScript file that runs outside
// the playground, against the same server, with the NATS client for Node. The code itself is
// unchanged: a small ctx for Node (the same names: subject(), stream(), kv(), …) is put around it.

export interface NodeScriptInput {
  slug: string;
  title: string;
  /** The learner's code, as in the editor (`export default async function main(ctx) { … }`). */
  code: string;
  /** The participant id, so the script's subjects and streams are the ones the playground shows. */
  pid: string;
  /** Where Node connects: the server's client port (nats://host:port), not its websocket. */
  natsUrl: string;
  /** The exercise's time limit: Node stops main after it too (its signal aborts). */
  timeLimitSeconds: number;
  /** Whether the page connects with credentials or a token: then the script says how to pass them. */
  auth: "none" | "creds" | "token";
}

/** The packages the script imports (what `npm i` needs). */
export const NODE_SCRIPT_PACKAGES = ["@nats-io/transport-node", "@nats-io/jetstream", "@nats-io/kv", "tsx"];

/**
 * The server's client address as Node reaches it: the websocket's host, and the client port the
 * server announces in its INFO (a websocket connection is told the TCP port too).
 */
export function natsUrlFor(wsUrl: string, clientPort: number | undefined): string {
  const host = new URL(wsUrl).hostname;
  return `nats://${host}:${clientPort ?? 4222}`;
}

/** A file name for the download: `03-queue-groups.ts`. */
export const nodeScriptName = (slug: string) => `${slug}.ts`;

const AUTH_LINES: Record<NodeScriptInput["auth"], string[]> = {
  none: [],
  creds: [
    "// This server needs credentials: save your .creds file (Connection page) and run",
    "//   NATS_CREDS=./my.creds npx tsx <this file>",
  ],
  token: ["// This server needs a token: NATS_TOKEN=<token> npx tsx <this file>"],
};

/** The whole script. */
export function nodeScript(p: NodeScriptInput): string {
  const header = [
    `// ${p.title} (${p.slug}): your code from the NATS workshop playground, as a Node script.`,
    "//",
    "// Run it against the same server, in an empty folder:",
    `//   npm i ${NODE_SCRIPT_PACKAGES.join(" ")}`,
    `//   npx tsx ${nodeScriptName(p.slug)}`,
    `// The server is ${p.natsUrl} (NATS_URL=nats://host:port to change it); your names are those of participant "${p.pid}" (NATS_PID to change it).`,
    ...AUTH_LINES[p.auth],
    "",
  ];
  const context = `
// ---------------------------------------------------------------------------------------------
// What the playground gave your code as ctx, for Node. Everything above this line is your code.
import {
  connect as natsConnect,
  credsAuthenticator as natsCredsAuthenticator,
  headers as natsHeaders,
  nanos as natsNanos,
  type NatsConnection as PlaygroundConnection,
} from "@nats-io/transport-node";
import { jetstream as natsJetStream, jetstreamManager as natsJetStreamManager } from "@nats-io/jetstream";
import { Kvm as NatsKvm, type KvOptions } from "@nats-io/kv";
import { readFileSync as playgroundReadFile } from "node:fs";

function playgroundContext(nc: PlaygroundConnection, signal: AbortSignal) {
  const PID = process.env.NATS_PID ?? ${JSON.stringify(p.pid)};
  const upper = \`EX_\${PID}\`.toUpperCase();
  const sleep = (ms: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
    });
  return {
    nc,
    pid: PID,
    jetstream: () => natsJetStream(nc),
    jetstreamManager: () => natsJetStreamManager(nc),
    subject: (...parts: string[]) => ["ex", PID, ...parts].join("."),
    stream: (name: string) => \`\${upper}_\${name.toUpperCase()}\`,
    consumer: (name: string) => \`ex_\${PID}_\${name}\`,
    bucket: (name: string) => \`\${upper}_\${name.toUpperCase()}\`,
    kvm: () => new NatsKvm(nc),
    kv: (name: string, opts?: Partial<KvOptions>) => new NatsKvm(nc).create(\`\${upper}_\${name.toUpperCase()}\`, opts),
    log: (...args: unknown[]) => console.log(...args),
    signal,
    sleep,
    headers: () => natsHeaders(),
    nanos: (ms: number) => natsNanos(ms),
  };
}
type ExerciseContext = ReturnType<typeof playgroundContext>;

async function runPlaygroundMain(): Promise<void> {
  const nc = await natsConnect({
    servers: process.env.NATS_URL ?? ${JSON.stringify(p.natsUrl)},
    name: ${JSON.stringify(`node-script ${p.slug}`)},
    ...(process.env.NATS_CREDS && { authenticator: natsCredsAuthenticator(playgroundReadFile(process.env.NATS_CREDS)) }),
    ...(process.env.NATS_TOKEN && { token: process.env.NATS_TOKEN }),
  });
  const limitMs = ${p.timeLimitSeconds * 1000};
  const stop = new AbortController();
  const limit = setTimeout(() => stop.abort(new Error(\`time limit (\${limitMs / 1000} s)\`)), limitMs);
  try {
    const value = await playgroundMain(playgroundContext(nc, stop.signal));
    console.log("main returned", JSON.stringify(value));
  } finally {
    clearTimeout(limit);
    await nc.close();
  }
}
// Not a top-level await: in a folder without "type": "module" tsx runs the file as CommonJS.
runPlaygroundMain().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
`;
  // `export default <main>` becomes a named export the runner below calls (a function declaration,
  // an arrow function or `export default main;` all stay valid that way).
  const code = p.code.trimEnd().replace(/^export\s+default\s+/m, "export const playgroundMain = ");
  return `${header.join("\n")}\n${code}\n${context}`;
}
