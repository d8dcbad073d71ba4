import { describe, expect, it } from "vitest";
import { MODULE_REGISTRY } from "../../nats/exercise-modules.ts";
import { linkImports } from "./imports.ts";

const reg = (spec: string) => `globalThis.${MODULE_REGISTRY}[${JSON.stringify(spec)}]`;

describe("linkImports", () => {
  it("links named, renamed, namespace and default imports of the NATS packages, keeping every line", () => {
    const js = [
      'import { AckPolicy, DeliverPolicy as DP } from "@nats-io/jetstream";',
      "import * as core from '@nats-io/nats-core';",
      'import Kv, { Kvm } from "@nats-io/kv";',
      "import {",
      "  headers,",
      "  Empty as E,",
      '} from "@nats-io/nats-core";',
      "export default async function main(ctx) { return [AckPolicy.Explicit, DP.All, core, Kv, Kvm, headers, E]; }",
    ].join("\n");
    const linked = linkImports(js);
    if (!linked.ok) throw new Error(linked.message);
    const lines = linked.js.split("\n");
    expect(lines).toHaveLength(8);
    expect(lines[0]).toBe(`const { AckPolicy, DeliverPolicy: DP } = ${reg("@nats-io/jetstream")};`);
    expect(lines[1]).toBe(`const core = ${reg("@nats-io/nats-core")};`);
    expect(lines[2]).toBe(`const Kv = ${reg("@nats-io/kv")}.default ?? ${reg("@nats-io/kv")}; const { Kvm } = ${reg("@nats-io/kv")};`);
    expect(lines[3]).toContain("headers");
    expect(lines[3]).toContain("Empty: E");
    expect(lines.slice(4, 7)).toEqual(["", "", ""]);
    expect(lines[7]).toMatch(/^export default async function main/);
  });

  it("the linked module runs and sees the real values", async () => {
    const registry = { "@nats-io/jetstream": { AckPolicy: { Explicit: "explicit" } } };
    Object.assign(globalThis, { [MODULE_REGISTRY]: registry });
    const linked = linkImports('import { AckPolicy } from "@nats-io/jetstream";\nexport default () => AckPolicy.Explicit;\n');
    if (!linked.ok) throw new Error(linked.message);
    const mod = (await import(`data:text/javascript,${encodeURIComponent(linked.js)}`)) as { default: () => string };
    expect(mod.default()).toBe("explicit");
  });

  it("refuses any other package, a bare import, a re-export and a dynamic import, naming it", () => {
    for (const [js, spec] of [
      ['import { connect } from "nats";', "nats"],
      ['import "lodash";', "lodash"],
      ['export { x } from "@nats-io/nats-core";', "@nats-io/nats-core"],
      ['const m = await import("fs");', "fs"],
    ] as const) {
      const linked = linkImports(js);
      expect(linked.ok, js).toBe(false);
      if (!linked.ok) {
        expect(linked.spec).toBe(spec);
        expect(linked.message).toContain("@nats-io/nats-core, @nats-io/jetstream, @nats-io/kv");
      }
    }
  });

  it("leaves code without imports as it is", () => {
    const js = 'export default async function main(ctx) { ctx.log("import x from y"); }';
    expect(linkImports(js)).toEqual({ ok: true, js });
  });
});
