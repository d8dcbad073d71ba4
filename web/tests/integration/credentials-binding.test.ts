import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openConnection } from "../../src/nats/connection.ts";
import { defaultSettings } from "../../src/nats/settings.ts";
import { createTrust } from "../support/jwt.ts";
import { startRecorder, type Recorder } from "../support/recorder.ts";

// Credentials are bound to the server they were given for: pointed anywhere else (a ?server= link, a
// typed URL), the client offers no token, no JWT and no signature of the nonce — even a server that
// relays the real server's nonce gets nothing it could log in with.

const real = inject("natsWsUrl");
let rec: Recorder;
beforeAll(async () => {
  rec = await startRecorder();
});
afterAll(() => rec.close());

describe("credentials bound to their server", () => {
  it("a stranger's server receives no token, no JWT and no signature", async () => {
    const trust = createTrust();
    for (const auth of [{ token: "s3cret-token" }, { creds: trust.creds() }]) {
      const before = rec.connects().length;
      const settings = { ...defaultSettings([rec.url]), ...auth, authFor: [real], maxReconnects: 0 };
      await expect(openConnection(settings, "bound elsewhere")).rejects.toThrow(/requires authentication/);
      const sent = rec.connects().slice(before);
      expect(sent.length).toBeGreaterThan(0);
      for (const c of sent) {
        expect(c).not.toHaveProperty("auth_token");
        expect(c).not.toHaveProperty("jwt");
        expect(c).not.toHaveProperty("sig");
        expect(c).not.toHaveProperty("nkey");
      }
      expect(rec.received.join("\n")).not.toContain("s3cret-token");
    }
  });

  it("the same recorder does see credentials given for it (the test would notice a leak)", async () => {
    const before = rec.connects().length;
    const settings = { ...defaultSettings([rec.url]), token: "meant-for-the-recorder", authFor: [rec.url], maxReconnects: 0 };
    await expect(openConnection(settings, "bound here")).rejects.toThrow(/refused the token/);
    expect(
      rec
        .connects()
        .slice(before)
        .some((c) => c.auth_token === "meant-for-the-recorder"),
    ).toBe(true);
  });
});
