// Declaration files for IntelliSense, bundled at build time (nothing fetched at run time): the NATS
// client packages as they are installed, and the exercise API participants code against.
import exerciseApi from "../../../exercises/runtime/exercise-api.d.ts?raw";

const natsCore = import.meta.glob<string>("../../../../../node_modules/@nats-io/nats-core/lib/*.d.ts", {
  query: "?raw",
  import: "default",
  eager: true,
});
const jetstream = import.meta.glob<string>("../../../../../node_modules/@nats-io/jetstream/lib/*.d.ts", {
  query: "?raw",
  import: "default",
  eager: true,
});
const kv = import.meta.glob<string>("../../../../../node_modules/@nats-io/kv/lib/*.d.ts", {
  query: "?raw",
  import: "default",
  eager: true,
});
const nkeys = import.meta.glob<string>("../../../../../node_modules/@nats-io/nkeys/lib/*.d.ts", {
  query: "?raw",
  import: "default",
  eager: true,
});
const nuid = import.meta.glob<string>("../../../../../node_modules/@nats-io/nuid/lib/*.d.ts", {
  query: "?raw",
  import: "default",
  eager: true,
});

/** One file for the TypeScript worker: where it lives in the virtual file system, and its text. */
export interface ExtraLib {
  path: string;
  content: string;
}

/**
 * Packages under file:///node_modules/, resolved the classic Node way: a package.json pointing at
 * lib/mod.d.ts (the published one names a .d.js file) and an `internal` entry the JetStream types
 * import from.
 */
function packageLibs(name: string, files: Record<string, string>, entries: Record<string, string> = {}): ExtraLib[] {
  const root = `file:///node_modules/${name}`;
  const libs = Object.entries(files).map(([p, content]) => ({ path: `${root}/lib/${p.slice(p.lastIndexOf("/") + 1)}`, content }));
  libs.push({ path: `${root}/package.json`, content: JSON.stringify({ name, types: "./lib/mod.d.ts" }) });
  for (const [entry, target] of Object.entries(entries))
    libs.push({ path: `${root}/${entry}.d.ts`, content: `export * from "./lib/${target}";\n` });
  return libs;
}

export const EXTRA_LIBS: readonly ExtraLib[] = [
  ...packageLibs("@nats-io/nats-core", natsCore, { internal: "internal_mod" }),
  ...packageLibs("@nats-io/jetstream", jetstream, { internal: "internal_mod" }),
  ...packageLibs("@nats-io/kv", kv, { internal: "internal_mod" }),
  ...packageLibs("@nats-io/nkeys", nkeys),
  ...packageLibs("@nats-io/nuid", nuid),
  { path: "file:///exercise-api.d.ts", content: exerciseApi },
];
