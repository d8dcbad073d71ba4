// Mints a real NATS operator / account / user JWT chain for tests of credentials (.creds) files:
// the server runs in operator mode with the account preloaded, exactly as a hosted workshop would.
import { createAccount, createOperator, createUser, type KeyPair } from "@nats-io/nkeys";

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const HEADER = b64url(new TextEncoder().encode(JSON.stringify({ typ: "JWT", alg: "ed25519-nkey" })));

function sign(issuer: KeyPair, subject: string, name: string, nats: Record<string, unknown>): string {
  const claims = {
    jti: `${subject.slice(0, 8)}${Date.now()}`,
    iat: Math.floor(Date.now() / 1000),
    iss: issuer.getPublicKey(),
    sub: subject,
    name,
    nats,
  };
  const body = `${HEADER}.${b64url(new TextEncoder().encode(JSON.stringify(claims)))}`;
  return `${body}.${b64url(issuer.sign(new TextEncoder().encode(body)))}`;
}

const UNLIMITED = { subs: -1, data: -1, payload: -1 };

export interface Trust {
  /** nats-server configuration lines: operator, MEMORY resolver, the account preloaded. */
  serverConfig: string;
  /** A .creds file for a user of the trusted account. */
  creds(name?: string): string;
}

/** An operator and one account with JetStream; `creds()` issues users of that account. */
export function createTrust(): Trust {
  const operator = createOperator();
  const account = createAccount();
  // JetStream in operator mode needs a system account.
  const system = createAccount();
  const opJwt = sign(operator, operator.getPublicKey(), "workshop-operator", {
    type: "operator",
    version: 2,
    system_account: system.getPublicKey(),
  });
  const sysJwt = sign(operator, system.getPublicKey(), "SYS", {
    type: "account",
    version: 2,
    limits: { ...UNLIMITED, imports: -1, exports: -1, conn: -1 },
  });
  const accJwt = sign(operator, account.getPublicKey(), "workshop", {
    type: "account",
    version: 2,
    limits: {
      ...UNLIMITED,
      imports: -1,
      exports: -1,
      wildcards: true,
      conn: -1,
      leaf: -1,
      mem_storage: -1,
      disk_storage: -1,
      streams: -1,
      consumer: -1,
    },
  });
  return {
    serverConfig: [
      `operator: ${JSON.stringify(opJwt)}`,
      `system_account: ${system.getPublicKey()}`,
      "resolver: MEMORY",
      `resolver_preload: {\n  ${account.getPublicKey()}: ${JSON.stringify(accJwt)}\n  ${system.getPublicKey()}: ${JSON.stringify(sysJwt)}\n}`,
    ].join("\n"),
    creds: (name = "participant") => {
      const user = createUser();
      return credsFile(sign(account, user.getPublicKey(), name, { type: "user", version: 2, pub: {}, sub: {}, ...UNLIMITED }), user);
    },
  };
}

function credsFile(jwt: string, user: KeyPair): string {
  const seed = new TextDecoder().decode(user.getSeed());
  return [
    "-----BEGIN NATS USER JWT-----",
    jwt,
    "------END NATS USER JWT------",
    "",
    "************************* IMPORTANT *************************",
    "NKEY Seed printed below can be used to sign and prove identity.",
    "NKEYs are sensitive and should be treated as secrets.",
    "",
    "-----BEGIN USER NKEY SEED-----",
    seed,
    "------END USER NKEY SEED------",
    "",
  ].join("\n");
}
