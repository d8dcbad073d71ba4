import { createAccount, createOperator, createUser } from "@nats-io/nkeys";
import { describe, expect, it } from "vitest";
import { nativeKey } from "./native-key.ts";

describe("native ed25519 for nkeys", () => {
  it("is the same key and signs exactly as nkeys does", () => {
    for (const kp of [createOperator(), createAccount(), createUser()]) {
      const fast = nativeKey(new TextDecoder().decode(kp.getSeed()));
      expect(fast.getPublicKey()).toBe(kp.getPublicKey());
      const data = new TextEncoder().encode("header.claims");
      expect(Buffer.from(fast.sign(data)).toString("hex")).toBe(Buffer.from(kp.sign(data)).toString("hex"));
      expect(kp.verify(data, fast.sign(data))).toBe(true);
      expect(fast.verify(data, kp.sign(data))).toBe(true);
    }
  });
});
