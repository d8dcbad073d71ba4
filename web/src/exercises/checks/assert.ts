// Assertions for exercise checks. A failed assertion is the learner's to fix, so its message says
// what was expected and what the server actually had: "expected X, got Y".

/** A check found the learner's result wrong (as opposed to a timeout or a broken server). */
export class AssertionError extends Error {
  override readonly name = "AssertionError";
}

/** A check waited longer than its budget. */
export class CheckTimeoutError extends Error {
  override readonly name = "CheckTimeoutError";
}

/** Short, readable text for a value in a message (strings quoted, arrays and objects as JSON). */
export function show(value: unknown): string {
  if (value === undefined) return "nothing (undefined)";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  try {
    const text = JSON.stringify(value);
    return text.length > 200 ? `${text.slice(0, 197)}…` : text;
  } catch {
    return String(value);
  }
}

/** Deep equality for the plain data checks compare (JSON-like values). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The helpers every check gets as `t.expect`. `what` names the thing compared ("messages on greetings"). */
export interface Expect {
  /** Deep equality; fails with "<what>: expected X, got Y". */
  equal(actual: unknown, expected: unknown, what: string): void;
  /** Fails with `message` unless `condition` holds (and narrows it, e.g. away from null). */
  ok(condition: unknown, message: string): asserts condition;
  between(actual: number, min: number, max: number, what: string): void;
  /** Fails with `message` unconditionally (for branches that mean "wrong"). */
  fail(message: string): never;
}

export const expect: Expect = {
  equal(actual: unknown, expected: unknown, what: string): void {
    if (!deepEqual(actual, expected)) throw new AssertionError(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  },
  ok(condition: unknown, message: string): asserts condition {
    if (!condition) throw new AssertionError(message);
  },
  between(actual: number, min: number, max: number, what: string): void {
    if (!(actual >= min && actual <= max)) throw new AssertionError(`${what}: expected between ${min} and ${max}, got ${show(actual)}`);
  },
  fail(message: string): never {
    throw new AssertionError(message);
  },
};
