import { explainError, type ErrorKind } from "../../nats/errors.ts";
import { AssertionError, CheckTimeoutError } from "./assert.ts";

/** How one check ended. `infrastructure` means the server or network failed: not the learner's fault. */
export type CheckStatus = "pass" | "fail" | "timeout" | "infrastructure";

export interface CheckResult {
  name: string;
  status: CheckStatus;
  /** Why it did not pass, in words the learner can act on. */
  message?: string;
}

/** Error kinds that say the server or the connection failed, whatever the learner's code did. */
export const INFRASTRUCTURE_KINDS: readonly ErrorKind[] = ["unreachable", "closed", "timeout", "not-nats", "jetstream-disabled"];

export const CONNECTION_LOST_MESSAGE =
  "The connection to the server was lost during the check, so it could not finish. This is not your code's fault: check the server (Connection page) and run the checks again.";

/**
 * The result of a check that threw. Order matters: a lost connection explains any error after it;
 * then our own assertion and timeout errors; then the NATS client's errors by kind.
 */
export function classifyCheckError(name: string, err: unknown, ctx: { connectionLost: boolean }): CheckResult {
  if (ctx.connectionLost) return { name, status: "infrastructure", message: CONNECTION_LOST_MESSAGE };
  if (err instanceof AssertionError) return { name, status: "fail", message: err.message };
  if (err instanceof CheckTimeoutError) return { name, status: "timeout", message: err.message };
  const explained = explainError(err);
  if (INFRASTRUCTURE_KINDS.includes(explained.kind)) {
    return { name, status: "infrastructure", message: `${explained.message} (The server had a problem, not your code.)` };
  }
  return { name, status: "fail", message: explained.message };
}

/** All checks ran and every one passed: the exercise is complete. */
export function allPassed(results: readonly CheckResult[]): boolean {
  return results.length > 0 && results.every((r) => r.status === "pass");
}
