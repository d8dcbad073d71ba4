import { jetstreamManager } from "@nats-io/jetstream";
import { openConnection } from "./connection.ts";
import { explainError } from "./errors.ts";
import type { Namespace } from "./namespace.ts";
import type { ConnectionSettings } from "./settings.ts";
import { deleteStreamIfExists } from "./exercise-checks.ts";
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

/** The streams `names` (stream names, KV buckets as their KV_ streams) deleted if they exist, with their consumers; returns those that existed. */
export async function deleteStreamsOnServer(settings: ConnectionSettings, names: string[], connectionName: string): Promise<string[]> {
  const nc = await openConnection(settings, connectionName);
  try {
    const jsm = await jetstreamManager(nc);
    const deleted: string[] = [];
    for (const name of names) if (await deleteStreamIfExists(jsm, name)) deleted.push(name);
    return deleted;
  } catch (err) {
    throw explainError(err);
  } finally {
    await nc.close().catch(() => undefined);
  }
}
