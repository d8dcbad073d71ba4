import { jetstreamManager } from "@nats-io/jetstream";
import { openConnection } from "./connection.ts";
import { explainError } from "./errors.ts";
import type { Namespace } from "./namespace.ts";
import type { ConnectionSettings } from "./settings.ts";
import { resetNamespace } from "./streams.ts";

/** Deletes this namespace's streams and consumers on its own short-lived connection; returns the stream names deleted. */
export async function resetOnServer(settings: ConnectionSettings, ns: Namespace): Promise<string[]> {
  const nc = await openConnection(settings, `${ns.area}.${ns.pid}.reset`);
  try {
    return await resetNamespace(await jetstreamManager(nc), ns);
  } catch (err) {
    throw explainError(err);
  } finally {
    await nc.close().catch(() => undefined);
  }
}
