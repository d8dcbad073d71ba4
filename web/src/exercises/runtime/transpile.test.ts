import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXERCISES } from "../catalog.ts";
import { linkImports } from "./imports.ts";
import { transpile } from "./transpile.ts";

describe("the first Run's compiler", () => {
  it("strips the types of every starter and solution, keeps their lines, and drops type-only imports", () => {
    for (const e of EXERCISES) {
      for (const code of [e.starter, e.solution]) {
        const out = transpile(code);
        if (!out.ok) throw new Error(`${e.slug}: ${out.problem.message} at line ${out.problem.line}`);
        expect(out.js.split("\n").length).toBe(code.split("\n").length);
        expect(out.js).toMatch(/export default/);
        expect(out.js).not.toMatch(/import type|: ExerciseContext/);
        // What is left goes through the same linking as TypeScript's output.
        expect(linkImports(out.js).ok).toBe(true);
      }
    }
  });

  it("keeps value imports for the linker and drops imports used only as types", () => {
    const out = transpile(
      [
        'import { AckPolicy, type JsMsg } from "@nats-io/jetstream";',
        'import type { KV } from "@nats-io/kv";',
        'import { Kvm } from "@nats-io/kv";',
        "let m: JsMsg | undefined; let k: KV | undefined; let n: Kvm | undefined;",
        "export default async function main(ctx: ExerciseContext) { ctx.log(AckPolicy.Explicit, m, k, n); }",
      ].join("\n"),
    );
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.js).toMatch(/^import \{ AckPolicy,\s*\} from "@nats-io\/jetstream";$/m);
    // Kvm is used as a type only: gone with the types.
    expect(out.js).not.toContain("@nats-io/kv");
    const linked = linkImports(out.js);
    expect(linked.ok && linked.js).toMatch(/AckPolicy/);
    expect(JSON.parse(out.sourceMap)).toMatchObject({ version: 3 });
  });

  it("reports a syntax error at its line and column", () => {
    const out = transpile("export default async function main(ctx: ExerciseContext) {\n  const x = ;\n}\n");
    expect(out).toEqual({ ok: false, problem: { line: 2, column: 13, message: "Unexpected token" } });
    expect(transpile("export default function main( {").ok).toBe(false);
  });

  it("is what the runtime bundle can load: no Node built-ins in the browser path", () => {
    expect(readFileSync(new URL("./transpile.ts", import.meta.url), "utf8")).not.toMatch(/from "node:/);
  });
});
