// nkeys signs in pure JavaScript and derives the key from the seed again for every call (about 15 ms
// each here): minting one user JWT took 79 ms, so 200 participants joining at once waited 16 s in the
// seat service's queue. The launcher signs with Node's own ed25519 instead: the same key and, ed25519
// being deterministic, the very same signatures, in a fraction of a millisecond.
import { createPrivateKey, sign, verify, type KeyObject } from "node:crypto";
import { fromSeed, type KeyPair } from "@nats-io/nkeys";

/** ed25519 private keys in PKCS#8 DER: this prefix, then the 32-byte seed. */
const PKCS8_ED25519 = Buffer.from("302e020100300506032b657004220420", "hex");

/** A KeyPair of the same seed whose signing is native; what is derived once is kept. */
export function nativeKey(seed: string | KeyPair): KeyPair {
  const kp = typeof seed === "string" ? fromSeed(new TextEncoder().encode(seed)) : seed;
  const raw = (kp as unknown as { getRawSeed?: () => Uint8Array }).getRawSeed?.();
  if (!raw || raw.length !== 32) return kp;
  const key: KeyObject = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, raw]), format: "der", type: "pkcs8" });
  let pub: string | undefined;
  let priv: Uint8Array | undefined;
  return {
    getPublicKey: () => (pub ??= kp.getPublicKey()),
    getPrivateKey: () => (priv ??= kp.getPrivateKey()),
    getSeed: () => kp.getSeed(),
    sign: (input: Uint8Array) => new Uint8Array(sign(null, input, key)),
    verify: (input: Uint8Array, sig: Uint8Array) => verify(null, input, key, sig),
    clear: () => kp.clear(),
    seal: () => {
      throw new Error("not a curve key");
    },
    open: () => {
      throw new Error("not a curve key");
    },
  };
}
