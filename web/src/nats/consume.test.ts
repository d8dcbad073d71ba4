import { headers, MsgHdrsImpl, type MsgHdrs } from "@nats-io/nats-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { latencyOf, scanHeaders } from "./consume.ts";
import { HDR_MSG_ID, HDR_SENT_AT } from "./event.ts";

/** The bytes the client writes for these headers (encode() is on the class, not the MsgHdrs interface). */
const encoded = (h: MsgHdrs): Uint8Array => (h as MsgHdrsImpl).encode();

const token = fc.string({ unit: fc.constantFrom(..."abcXYZ-_09".split("")), minLength: 1, maxLength: 12 });
const value = fc.oneof(
  fc.string({ unit: fc.constantFrom(..."ab 09:-\t".split("")), maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 8 }).filter((v) => !/[\r\n]/.test(v)),
);

describe("scanHeaders", () => {
  it("reads the playground's two headers as the client's decode does", () => {
    const h = headers();
    h.set("Other", "x");
    h.set(HDR_SENT_AT, "1700000000000");
    h.set(HDR_MSG_ID, "tx-1");
    expect(scanHeaders(encoded(h))).toEqual({ sentAt: "1700000000000", msgId: "tx-1" });
    expect(scanHeaders(encoded(headers()))).toEqual({ sentAt: undefined, msgId: undefined });
    // A status line (as the server's 503 has) is skipped like the client skips it.
    const status = headers(503, "No Responders");
    status.set(HDR_MSG_ID, "m");
    expect(scanHeaders(encoded(status))).toEqual({ sentAt: undefined, msgId: "m" });
    // Only the bytes up to the header block's end are read.
    const block = encoded(h);
    const withPayload = new Uint8Array([...block, ...new TextEncoder().encode("Nats-Msg-Id: payload\r\n")]);
    expect(scanHeaders(withPayload, block.length)?.msgId).toBe("tx-1");
  });

  it("agrees with MsgHdrsImpl.decode on any header set (order, repeats, other names)", () => {
    const entry = fc.tuple(fc.oneof(token, fc.constantFrom(HDR_SENT_AT, HDR_MSG_ID, "nats-msg-id")), value);
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const h = headers();
        for (const [k, v] of entries) h.append(k, v);
        const bytes = encoded(h);
        const scanned = scanHeaders(bytes);
        if (bytes.some((b) => b > 0x7f)) return scanned === null;
        const decoded = MsgHdrsImpl.decode(bytes);
        expect(scanned).not.toBeNull();
        expect(scanned?.sentAt ?? "").toBe(decoded.get(HDR_SENT_AT));
        expect(scanned?.msgId ?? "").toBe(decoded.get(HDR_MSG_ID));
        return true;
      }),
    );
  });

  it("turns the sent-at value into a latency, NaN without one", () => {
    expect(latencyOf("1000", 1250)).toBe(250);
    expect(latencyOf(undefined, 1250)).toBeNaN();
    expect(latencyOf("", 1250)).toBeNaN();
    expect(latencyOf("2000", 1250)).toBe(0);
  });
});
