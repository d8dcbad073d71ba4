// The layers ESLint is said to enforce, attacked: code that crosses them must fail the project's own
// lint config (files linted as text at real paths, so the resolver sees the real tree).
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./nats/launcher.ts";

const eslint = new ESLint({ cwd: REPO_ROOT });
const rulesHit = async (file: string, code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
};

describe("the layers ESLint enforces", () => {
  it("a feature importing the lab engine is refused; the contract is allowed", async () => {
    expect(await rulesHit("web/src/features/lab/Attack.ts", 'export { loadMode } from "../../lab/engine/loadMode.ts";\n')).toContain(
      "import-x/no-restricted-paths",
    );
    expect(await rulesHit("web/src/features/lab/Fine.ts", 'export { laneTitle } from "../../lab/contract/modes/index.ts";\n')).toEqual([]);
  });

  it("the contract importing the engine is refused", async () => {
    const hit = await rulesHit(
      "web/src/lab/contract/modes/core.ts",
      'import { loadMode } from "../../engine/loadMode.ts";\nexport const x = loadMode;\n',
    );
    expect(hit).toContain("import-x/no-restricted-paths");
  });

  it("an import circle is refused", async () => {
    // faults.ts → modes/index.ts → modes/core.ts → faults.ts (core.ts takes COMMON_FAULTS from it)
    const hit = await rulesHit(
      "web/src/lab/contract/faults.ts",
      'import { MODES } from "./modes/index.ts";\nexport const n = MODES.length;\n',
    );
    expect(hit).toContain("import-x/no-cycle");
    expect(await rulesHit("web/src/lab/contract/faults.ts", "export const n = 1;\n")).toEqual([]);
  });

  it("nats/ importing anything above it, and React in the lab, are refused", async () => {
    expect(await rulesHit("web/src/nats/attack.ts", 'export { modeOf } from "../lab/contract/modes/index.ts";\n')).toContain(
      "import-x/no-restricted-paths",
    );
    expect(await rulesHit("web/src/lab/engine/attack.ts", 'import { useState } from "react";\nexport const s = useState;\n')).toContain(
      "no-restricted-imports",
    );
  });
}, 120_000);
