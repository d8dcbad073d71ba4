import type { TestProject } from "vitest/node";
import { startNats, type NatsServer } from "../../../scripts/nats/launcher.ts";

let server: NatsServer | undefined;

/** One real nats-server (websocket + JetStream, free ports, temporary store) for the integration run. */
export async function setup(project: TestProject): Promise<void> {
  server = await startNats();
  project.provide("natsWsUrl", server.wsUrl);
  project.provide("natsUrl", server.natsUrl);
  project.provide("natsMonitorUrl", server.monitorUrl);
  project.provide("natsVersion", server.version);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    natsWsUrl: string;
    natsUrl: string;
    natsMonitorUrl: string;
    natsVersion: string;
  }
}
