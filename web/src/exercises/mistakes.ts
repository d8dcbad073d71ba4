// A mistake file (exercises/NN-slug/mistakes/<name>.ts) is a complete, plausible, wrong solution: the
// error the exercise teaches about. Its first comment lines say what is wrong and which checks must
// fail; `npm test` runs it through the real checks in the browser and expects exactly those to fail,
// so a check that injects a fault (a crash, a redelivery, a retry) is proved to catch the mistake.
//
//   // Mistake: adds every delivery to the balance, so a redelivered transaction counts twice.
//   // Fails: no transaction counts twice
//   // Fails: balances match the transactions

export interface MistakeHeader {
  /** What is wrong, in one sentence. */
  mistake: string;
  /** The checks that must fail: the beginning of each name, as check.ts writes it (the rest may be filled in at run time). */
  fails: string[];
}

/** Reads the header of a mistake file; throws a message naming what is missing. */
export function parseMistakeHeader(source: string): MistakeHeader {
  const header: string[] = [];
  for (const line of source.split("\n")) {
    const m = /^\/\/\s?(.*)$/.exec(line.trim());
    if (!m) break;
    header.push((m[1] ?? "").trim());
  }
  const mistake = header
    .find((l) => l.startsWith("Mistake:"))
    ?.slice("Mistake:".length)
    .trim();
  const fails = header
    .filter((l) => l.startsWith("Fails:"))
    .map((l) => l.slice("Fails:".length).trim())
    .filter(Boolean);
  if (!mistake) throw new Error('The file must start with a "// Mistake: <what is wrong>" comment line.');
  if (fails.length === 0) throw new Error('The file must name at least one check it fails: "// Fails: <check name>".');
  return { mistake, fails };
}
