import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNats, type NatsServer } from "../../../scripts/nats/launcher.ts";
import { openConnection, probeJetStream } from "../../src/nats/connection.ts";
import { PlaygroundError } from "../../src/nats/errors.ts";
import { defaultSettings } from "../../src/nats/settings.ts";
import { createTrust } from "../support/jwt.ts";

const trust = createTrust();
let server: NatsServer;
beforeAll(async () => {
  server = await startNats({ extraConfig: trust.serverConfig });
});
afterAll(() => server.stop());

describe("JWT credentials file (the seed's NATS_CREDS)", () => {
  it("connects with a .creds file of the trusted account, with JetStream", async () => {
    const nc = await openConnection({ ...defaultSettings([server.wsUrl]), creds: trust.creds() });
    expect(nc.info?.server_name).toBe("workshop");
    expect(await probeJetStream(nc)).toEqual({ enabled: true });
    await nc.close();
  });

  it("refuses a .creds file from another operator with a plain message", async () => {
    const err = await openConnection({ ...defaultSettings([server.wsUrl]), creds: createTrust().creds() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlaygroundError);
    expect((err as PlaygroundError).kind).toBe("auth");
    expect((err as PlaygroundError).message).toMatch(/refused the token or credentials/);
  });

  it("says authentication is required when no credentials are given", async () => {
    const err = await openConnection(defaultSettings([server.wsUrl])).catch((e: unknown) => e);
    expect((err as PlaygroundError).message).toMatch(/requires authentication/);
  });
});
