import type { NatsConnection } from "@nats-io/nats-core";
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";
import { openConnection } from "./connection.ts";
import { explainError } from "./errors.ts";
import type { ProcessorConfig } from "./processor.ts";

export interface JetStreamClients {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
}

/** A processor's own connection (a fault in one lane touches no other), named for /connz. */
export function openProcessorConnection(cfg: ProcessorConfig): Promise<NatsConnection> {
  return openConnection(cfg.connection, cfg.clientName ?? `${cfg.namespace.area}.${cfg.namespace.pid}.${cfg.name}`);
}

/** Connection plus JetStream client and manager; a server without JetStream is a clear error, and the connection is closed again. */
export async function openJetStream(cfg: ProcessorConfig): Promise<JetStreamClients> {
  const nc = await openProcessorConnection(cfg);
  try {
    const jsm = await jetstreamManager(nc);
    return { nc, js: jetstream(nc), jsm };
  } catch (err) {
    await nc.close().catch(() => undefined);
    throw explainError(err);
  }
}
