import { readFileSync } from "node:fs";
import fc from "fast-check";
import LZString from "lz-string";
import { describe, expect, it } from "vitest";
import { createAppStore, memoryStorage } from "../../app/store.ts";
import { PRESETS } from "../../lab/contract/presets.ts";
import { defaultLabConfig } from "../lab/slice.ts";
import { codeFragment, lineCount, linkSize, MAX_FRAGMENT_CHARS, readShareFragment, scenarioFragment, shareUrl } from "./link.ts";
import { applyScenario, checkSharedLabConfig, describeScenario } from "./scenario.ts";

const SLUG = "02-subjects-and-requests";
const pack = (data: unknown) => LZString.compressToEncodedURIComponent(JSON.stringify(data));
const made = (m: ReturnType<typeof codeFragment>) => {
  if (!m.ok) throw new Error(m.message);
  return m.fragment;
};
const refused = (hash: string) => {
  const opened = readShareFragment(hash);
  if (!opened || opened.ok) throw new Error(`not refused: ${hash.slice(0, 80)}`);
  return opened;
};

describe("share links: code", () => {
  it("round-trips an exercise's code, and leaves the address without the payload", () => {
    const code = 'export default async function main(ctx) {\n  ctx.log("héllo ✓ — 日本");\n}\n';
    const fragment = made(codeFragment(SLUG, code));
    expect(fragment).toMatch(/^#\/exercises\/02-subjects-and-requests\?code=[A-Za-z0-9+\-$]+$/);
    expect(readShareFragment(fragment)).toEqual({ ok: true, share: { v: 1, kind: "code", slug: SLUG, code }, rest: `#/exercises/${SLUG}` });
  });

  it("round-trips any code that fits, and refuses what does not with a sentence", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 3000 }), (code) => {
        const m = codeFragment(SLUG, code);
        if (!m.ok) return expect(m.message).toMatch(/too long to share by link/);
        const opened = readShareFragment(m.fragment);
        expect(opened?.ok && opened.share.kind === "code" && opened.share.code).toBe(code);
      }),
      { numRuns: 200 },
    );
  });

  it("never throws on whatever follows ?code=, and applies nothing it cannot read", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (tail) => {
        const opened = readShareFragment(`#/exercises/${SLUG}?code=${tail}`);
        if (opened?.ok) expect(opened.share).toMatchObject({ kind: "code", slug: SLUG });
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a corrupted or cut-off link", () => {
    const fragment = made(codeFragment(SLUG, "const a = 1;\n".repeat(40)));
    expect(refused(fragment.slice(0, fragment.length - 25)).message).toMatch(/damaged or incomplete/);
    expect(refused(`#/exercises/${SLUG}?code=not-lz-at-all`).message).toMatch(/damaged or incomplete/);
    expect(refused(`#/exercises/${SLUG}?code=<script>`).message).toMatch(/damaged or incomplete/);
    expect(refused(`#/exercises/${SLUG}?code=`).message).toMatch(/damaged or incomplete/);
    expect(refused(`#/exercises/${SLUG}?code=${pack("just a string")}`).message).toMatch(/damaged/);
    expect(refused(`#/exercises/${SLUG}?code=${pack({ v: 1, kind: "code", slug: SLUG, code: 42 })}`).message).toMatch(/damaged/);
  });

  it("refuses the wrong kind, the wrong exercise, an unknown one and a newer format", () => {
    const scenario = pack({ v: 1, kind: "scenario", config: {} });
    expect(refused(`#/exercises/${SLUG}?code=${scenario}`).message).toMatch(/carries something else/);
    const other = made(codeFragment("03-queue-groups", "x")).split("?")[1];
    expect(refused(`#/exercises/${SLUG}?${other}`).message).toMatch(/for exercise 03-queue-groups, not for the exercise it opens/);
    const opened = readShareFragment(made(codeFragment("99-nope", "x")), { isExercise: (s) => s === SLUG });
    expect(opened).toMatchObject({ ok: false, kind: "code", message: expect.stringMatching(/does not have/) });
    expect(refused(`#/exercises/${SLUG}?code=${pack({ v: 2, kind: "code", slug: SLUG, code: "" })}`).message).toMatch(/newer version/);
    expect(refused(`#/exercises/..?code=${pack({ v: 1, kind: "code", slug: "..", code: "" })}`).message).toMatch(/damaged/);
  });

  it("refuses links over 32 KB, at the Share button and when opened", () => {
    // Random text compresses badly: the link outgrows its limit long before the code hits MAX_CODE_CHARS.
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    const random = Array.from({ length: 40_000 }, () => String.fromCharCode(33 + ((next() >> 16) % 90))).join("");
    const m = codeFragment(SLUG, random);
    expect(m.ok).toBe(false);
    if (!m.ok) {
      expect(m.message).toMatch(/too long to share by link/);
      expect(m.message).toMatch(/Download as a Node script/);
      expect(m.message).toMatch(/Export progress/);
    }
    const long = `#/exercises/${SLUG}?code=${"A".repeat(MAX_FRAGMENT_CHARS)}`;
    expect(refused(long).message).toMatch(/too long/);
  });

  it("fits every exercise's reference solution in a link of a few KB", () => {
    for (const slug of ["01-hello-pubsub", "08-idempotent-balances", "10-capstone-exactly-once"]) {
      const code = readFileSync(new URL(`../../../../exercises/${slug}/solution.ts`, import.meta.url), "utf8");
      const fragment = made(codeFragment(slug, code));
      expect(fragment.length).toBeLessThan(MAX_FRAGMENT_CHARS / 4);
    }
  });

  it("is no share link without a payload, on another page, or with another parameter", () => {
    expect(readShareFragment(`#/exercises/${SLUG}`)).toBeNull();
    expect(readShareFragment(`#/exercises/${SLUG}?foo=1`)).toBeNull();
    expect(readShareFragment("#/join?code=abc")).toBeNull();
    expect(readShareFragment("#/lab?code=abc")).toBeNull();
    expect(readShareFragment("")).toBeNull();
  });

  it("keeps the other parameters of the fragment, and builds the link without ?server=", () => {
    const fragment = made(codeFragment(SLUG, "x"));
    expect(readShareFragment(`${fragment}&keep=1`)?.rest).toBe(`#/exercises/${SLUG}?keep=1`);
    expect(shareUrl({ origin: "http://h:1", pathname: "/" }, fragment)).toBe(`http://h:1/${fragment}`);
    expect(linkSize(1229)).toBe("1.2 KB");
    expect([lineCount(""), lineCount("a"), lineCount("a\nb\n"), lineCount("a\r\nb")]).toEqual([0, 1, 2, 2]);
  });
});

describe("share links: lab scenario", () => {
  const custom = () => {
    const c = defaultLabConfig();
    c.producer.ratePerSecond = 200;
    c.producer.maxEvents = 500;
    c.enabled.core = false;
    c.settings.durable.ackWaitMs = 2_000;
    c.settings.dedupe.msgIdStrategy = "timestamp";
    return c;
  };

  it("round-trips custom settings and a preset", () => {
    const c = custom();
    const opened = readShareFragment((scenarioFragment(c) as { fragment: string }).fragment);
    expect(opened).toEqual({
      ok: true,
      share: { v: 1, kind: "scenario", config: { producer: c.producer, enabled: c.enabled, settings: c.settings } },
      rest: "#/lab",
    });
    const store = createAppStore({ search: "", buildDefaultUrl: undefined }, memoryStorage());
    store.getState().labApplyPreset("consumer-crash");
    const fragment = scenarioFragment(store.getState().labConfig);
    const back = fragment.ok ? readShareFragment(fragment.fragment) : null;
    expect(back?.ok && back.share.kind === "scenario" && back.share.preset).toBe("consumer-crash");
  });

  it("applies through the lab's actions: a preset keeps its story, custom settings arrive as they were", () => {
    const store = createAppStore({ search: "", buildDefaultUrl: undefined }, memoryStorage());
    const c = custom();
    applyScenario(store.getState(), undefined, c);
    expect(store.getState().labConfig).toEqual({ ...c, presetId: null });
    const crash = PRESETS.find((p) => p.id === "consumer-crash");
    const other = createAppStore({ search: "", buildDefaultUrl: undefined }, memoryStorage());
    other.getState().labApplyPreset("consumer-crash");
    const { presetId: _id, ...shared } = other.getState().labConfig;
    applyScenario(store.getState(), crash?.id, shared);
    expect(store.getState().labConfig.presetId).toBe("consumer-crash");
    // The preset with a change: applied as custom settings, and said so.
    applyScenario(store.getState(), "consumer-crash", { ...shared, producer: { ...shared.producer, ratePerSecond: 7 } });
    expect(store.getState().labConfig).toMatchObject({ presetId: null, producer: { ratePerSecond: 7 } });
    expect(describeScenario("consumer-crash", { ...shared, producer: { ...shared.producer, ratePerSecond: 7 } })[0]).toMatch(
      /with changes/,
    );
  });

  it("describes what it sets", () => {
    const c = custom();
    const text = describeScenario(undefined, c).join(", ");
    expect(text).toContain("rate 200/s");
    expect(text).toContain("500 events");
    expect(text).toContain("lanes: JetStream, JetStream + dedupe, Durable consumer");
    expect(text).toContain("Durable consumer: ack wait 2 s");
    expect(text).toContain("Msg-Id: timestamp");
    expect(text).not.toContain("Core NATS");
  });

  it("fills what a link leaves out from the defaults, as saved settings are merged", () => {
    const checked = checkSharedLabConfig({ producer: { ratePerSecond: 10 } });
    const base = defaultLabConfig();
    expect(checked).toEqual({
      ok: true,
      config: { producer: { ...base.producer, ratePerSecond: 10 }, enabled: base.enabled, settings: base.settings },
    });
  });

  it("refuses hostile or invalid values with a message, and ignores keys it does not know", () => {
    const bad = (config: unknown) => {
      const r = checkSharedLabConfig(config);
      if (r.ok) throw new Error(`accepted ${JSON.stringify(config)}`);
      return r.problems.join(" ");
    };
    expect(bad({ producer: { ratePerSecond: 1e9 } })).toMatch(/rate must be/);
    expect(bad({ producer: { ratePerSecond: "200" } })).toMatch(/not a number/);
    expect(bad({ producer: { payloadBytes: 1.5 } })).toMatch(/payload/);
    expect(bad({ producer: { maxEvents: 0 } })).toMatch(/number of events/);
    expect(bad({ enabled: { core: "yes" } })).toMatch(/Core NATS/);
    expect(bad({ settings: { durable: { failureRate: 2 } } })).toMatch(/failure rate/);
    expect(bad({ settings: { durable: { ackWaitMs: 1e300 } } })).toMatch(/longer than the server accepts/);
    expect(bad({ settings: { durable: { maxDeliver: 0 } } })).toMatch(/Max deliver/);
    expect(bad({ settings: { dedupe: { msgIdStrategy: "eval(x)" } } })).toMatch(/not a Msg-Id strategy/);
    expect(bad({ settings: { dedupe: "x" } })).toMatch(/not a set of values/);
    expect(bad(null)).toMatch(/no lab settings/);
    const sneaky = JSON.parse('{"producer":{"__proto__":{"ratePerSecond":5},"extra":1},"settings":{"core":{"x":1}},"evil":true}');
    const r = checkSharedLabConfig(sneaky);
    expect(r.ok && r.config.producer).toEqual(defaultLabConfig().producer);
    expect(r.ok && Object.keys(r.config)).toEqual(["producer", "enabled", "settings"]);
  });

  it("refuses a scenario link with bad settings, an unknown preset or the wrong kind", () => {
    expect(refused(`#/lab?scenario=${pack({ v: 1, kind: "scenario", config: { producer: { ratePerSecond: -1 } } })}`).message).toMatch(
      /settings the lab cannot use: The rate must be/,
    );
    expect(refused(`#/lab?scenario=${pack({ v: 1, kind: "scenario", preset: "rm -rf", config: {} })}`).message).toMatch(
      /preset this playground does not have/,
    );
    expect(refused(`#/lab?scenario=${pack({ v: 1, kind: "code", slug: SLUG, code: "" })}`).message).toMatch(/carries something else/);
    expect(refused("#/lab?scenario=garbage").message).toMatch(/lab scenario could not be read/);
  });

  it("never throws on whatever follows ?scenario=", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (config) => {
        const opened = readShareFragment(`#/lab?scenario=${pack({ v: 1, kind: "scenario", config })}`);
        expect(opened).not.toBeNull();
        if (opened?.ok && opened.share.kind === "scenario") expect(checkSharedLabConfig(opened.share.config).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
