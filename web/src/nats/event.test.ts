import { describe, expect, it } from "vitest";
import { decodeTransaction, encodeTransaction, HDR_MSG_ID, HDR_SENT_AT, makeTransaction, type Transaction } from "./event.ts";

const T = 1_700_000_000_000;
const bytes = (s: string) => new TextEncoder().encode(s);

describe("headers", () => {
  it("uses JetStream's dedupe header and the playground's timestamp header", () => {
    expect(HDR_MSG_ID).toBe("Nats-Msg-Id");
    expect(HDR_SENT_AT).toBe("Playground-Sent-At");
  });
});

describe("makeTransaction", () => {
  it("is deterministic: the same seq gives the same business key and amount", () => {
    expect(makeTransaction(7, T)).toEqual(makeTransaction(7, T));
    expect(makeTransaction(7, T)).toEqual({ id: "tx-7", account: "acct-007", amountCents: ((7 * 7919) % 100_000) - 20_000, ts: T });
  });

  it("cycles through the accounts and keeps amounts whole cents in range", () => {
    const txs = Array.from({ length: 200 }, (_, i) => makeTransaction(i, T));
    expect(new Set(txs.map((t) => t.account)).size).toBe(20);
    expect(new Set(txs.map((t) => t.id)).size).toBe(200);
    expect(makeTransaction(23, T, 5).account).toBe("acct-003");
    for (const t of txs) {
      expect(Number.isInteger(t.amountCents)).toBe(true);
      expect(t.amountCents).toBeGreaterThanOrEqual(-20_000);
      expect(t.amountCents).toBeLessThan(80_000);
    }
  });
});

describe("encode / decode", () => {
  const t: Transaction = makeTransaction(42, T);

  it("round-trips a transaction", () => {
    expect(decodeTransaction(encodeTransaction(t))).toEqual(t);
  });

  it("pads to the requested size and still decodes to the same transaction", () => {
    for (const size of [100, 1024, 64 * 1024]) {
      const data = encodeTransaction(t, size);
      expect(data.length).toBe(size);
      expect(decodeTransaction(data)).toEqual(t);
    }
  });

  it("cannot shrink below the natural size: a too-small target gives a minimal, still decodable message", () => {
    const data = encodeTransaction(t, 10);
    expect(data.length).toBeGreaterThan(10);
    expect(data.length).toBeLessThanOrEqual(encodeTransaction(t).length + ',"pad":""'.length);
    expect(decodeTransaction(data)).toEqual(t);
  });

  it.each([
    ["not JSON", bytes("hello")],
    ["JSON but not an object with the fields", bytes('{"id":"x"}')],
    ["wrong types", bytes('{"id":1,"account":"a","amountCents":1,"ts":1}')],
    ["null", bytes("null")],
    ["empty", new Uint8Array()],
  ])("returns null for %s instead of throwing", (_label, data) => {
    expect(decodeTransaction(data)).toBeNull();
  });

  it("keeps only the transaction's fields", () => {
    expect(decodeTransaction(bytes('{"id":"a","account":"b","amountCents":5,"ts":9,"extra":true}'))).toEqual({
      id: "a",
      account: "b",
      amountCents: 5,
      ts: 9,
    });
  });
});
