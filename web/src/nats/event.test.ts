import { headers, type MsgHdrs, type MsgHdrsImpl } from "@nats-io/nats-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeTransaction,
  encodeTransaction,
  HDR_MSG_ID,
  HDR_SENT_AT,
  headerBytes,
  makeTransaction,
  transactionId,
  utf8Length,
  type Transaction,
} from "./event.ts";

/** The bytes the client writes for these headers (encode() is on the class, not the MsgHdrs interface). */
const encoded = (h: MsgHdrs): Uint8Array => (h as MsgHdrsImpl).encode();

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

describe("transactionId", () => {
  const same = (data: Uint8Array): void => {
    expect(transactionId(data)).toBe(decodeTransaction(data)?.id ?? null);
  };

  it("reads the id of what encodeTransaction writes, with and without padding", () => {
    const t = makeTransaction(42, T);
    expect(transactionId(encodeTransaction(t))).toBe("tx-42");
    expect(transactionId(encodeTransaction(t, 128))).toBe("tx-42");
    expect(transactionId(encodeTransaction({ ...t, amountCents: -20_000, ts: 0 }, 300))).toBe("tx-42");
  });

  it("gives what a full decode gives for any transaction, padding or payload", () => {
    const tx = fc.record({
      id: fc.string({ unit: "binary" }),
      account: fc.string({ unit: "binary" }),
      amountCents: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
      ts: fc.oneof(fc.integer({ min: 0 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
    });
    fc.assert(
      fc.property(tx, fc.nat(400), (t, pad) => {
        same(encodeTransaction(t as Transaction, pad));
      }),
    );
    // Plain ASCII ids and accounts (the bytes-only path), quotes and backslashes among them (decoded).
    const ascii = fc.string({ unit: fc.constantFrom(...'ab-019 _"\\\t~'.split("")) });
    const plain = fc.record({ id: ascii, account: ascii, amountCents: fc.integer(), ts: fc.nat() });
    fc.assert(
      fc.property(plain, fc.nat(200), (t, pad) => {
        same(encodeTransaction(t, pad));
      }),
    );
    // Other JSON (spaces, other key orders, missing or mistyped fields) and arbitrary bytes.
    const json = fc.jsonValue().map((v) => bytes(JSON.stringify(v, null, 1)));
    fc.assert(
      fc.property(fc.oneof(json, fc.uint8Array({ maxLength: 200 })), (data) => {
        same(data);
      }),
    );
    for (const s of [
      '{"id":"a","account":"b","amountCents":1,"ts":2}',
      '{"id":"a","account":"b","amountCents":1,"ts":2} ',
      '{"id":"a","account":"b","amountCents":01,"ts":2}',
      '{"id":"a","account":"b","amountCents":1.5,"ts":2}',
      '{"id":"a","account":"b","amountCents":-0,"ts":2,"pad":"xx"}',
      '{"id":"a","account":"b","amountCents":1,"ts":2,"pad":"xx","id":"c"}',
      '{"id":"a\\"b","account":"b","amountCents":1,"ts":2}',
      '{"id":"ä","account":"b","amountCents":1,"ts":2}',
      '{"id":"a","account":"b","amountCents":1,"ts":"2"}',
      '{"id":"a","account":"b","amountCents":1}',
      '{"id":"a","account":"b","amountCents":1,"ts":2,"pad":1}',
      "",
    ])
      same(bytes(s));
  });
});

describe("headerBytes", () => {
  it("counts the header block the client writes, UTF-8 included", () => {
    for (const [sentAt, msgId] of [
      ["1700000000000", undefined],
      ["1700000000000", "tx-1"],
      ["1", "ü"],
      ["1", "€😀"],
      ["1", "\ud800x"],
      ["1", ""],
    ] as const) {
      const h = headers();
      h.set(HDR_SENT_AT, sentAt);
      if (msgId) h.set(HDR_MSG_ID, msgId);
      expect(headerBytes(sentAt, msgId)).toBe(encoded(h).length);
    }
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => utf8Length(s) === new TextEncoder().encode(s).length));
  });
});
