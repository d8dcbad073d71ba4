import * as jetstream from "@nats-io/jetstream";
import * as kv from "@nats-io/kv";
import * as core from "@nats-io/nats-core";

/** What participant code may import values from (the copies the playground ships). */
export const IMPORTABLE_MODULES = ["@nats-io/nats-core", "@nats-io/jetstream", "@nats-io/kv"] as const;
export type ImportableModule = (typeof IMPORTABLE_MODULES)[number];

/** Where the runner puts the modules: a global of the runner's worker (or of Node, in the command-line checker). */
export const MODULE_REGISTRY = "__exerciseModules";

/** Fills the registry linked imports read from (call before loading participant code). */
export function installImportableModules(): void {
  const modules: Record<ImportableModule, unknown> = { "@nats-io/nats-core": core, "@nats-io/jetstream": jetstream, "@nats-io/kv": kv };
  Object.assign(globalThis, { [MODULE_REGISTRY]: modules });
}
