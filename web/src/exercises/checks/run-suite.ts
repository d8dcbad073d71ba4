import { explainError } from "../../nats/errors.ts";
import { watchConnectionLoss, type NatsConnection } from "../../nats/exercise-checks.ts";
import type { CheckSuite, MainRun } from "./api.ts";
import { classifyCheckError, type CheckResult } from "./classify.ts";
import { createHarness } from "./harness.ts";

export interface SuiteRun {
  suite: CheckSuite;
  pid: string;
  /** Opens the checker's own connection. */
  connect: () => Promise<NatsConnection>;
  /** Starts the participant's main; `connectionLost` resolves when the checker's connection drops. */
  startMain: (checker: NatsConnection, connectionLost: Promise<void>) => MainRun;
  report: (result: CheckResult) => void;
}

/**
 * Runs one check suite on its own connection, as the browser's runner and `npm run exercise:check`
 * both do: a lost connection makes every later result an infrastructure error, and a suite that
 * throws is reported as one more result. Resolves when the suite is done and the connection closed.
 */
export async function runCheckSuite(r: SuiteRun): Promise<void> {
  let nc: NatsConnection;
  try {
    nc = await r.connect();
  } catch (err) {
    r.report({ name: "Connect to the server", status: "infrastructure", message: explainError(err).message });
    return;
  }
  let lost = false;
  let ended = false;
  let signalLost = () => {};
  const connectionLost = new Promise<void>((resolve) => (signalLost = resolve));
  watchConnectionLoss(nc, () => {
    if (ended) return;
    lost = true;
    signalLost();
  });
  const t = createHarness({
    nc,
    pid: r.pid,
    report: r.report,
    connectionLost: () => lost,
    startMain: () => r.startMain(nc, connectionLost),
  });
  try {
    await r.suite(t);
  } catch (err) {
    r.report(classifyCheckError("Preparing and running the checks", err, { connectionLost: lost }));
  }
  ended = true;
  await nc.close().catch(() => undefined);
}
