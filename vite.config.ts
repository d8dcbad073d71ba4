/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { constants } from "node:zlib";
import { compression, defineAlgorithm } from "vite-plugin-compression2";

// The app lives in web/; the production build goes to dist/ at the top level.
// The same file configures Vitest: unit tests (pure, fast) and integration tests (Node against a real
// nats-server over websocket, started once by the global setup).
/** Paths from this file, so a build started from any folder (the launcher's) finds the app. */
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here("web"),
  envDir: "..",
  // Brotli and gzip copies beside each file: the web server sends them as they are (no compression work
  // per request when a room's 200 browsers load the app at once).
  // Brotli quality 10: 1.8 % larger than 11 on this build (2.37 vs 2.32 MB), built in 15 s instead of 27 s.
  plugins: [
    react(),
    compression({
      algorithms: [defineAlgorithm("brotliCompress", { params: { [constants.BROTLI_PARAM_QUALITY]: 10 } }), "gzip"],
      threshold: 1024,
      logLevel: "silent",
    }),
  ],
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 4096,
    // bench.html: the benchmark's baseline page (npm run bench); the app never loads it.
    rollupOptions: {
      input: { main: here("web/index.html"), bench: here("web/bench.html") },
      // Rolldown's "plugin timings" note is yellow and reads like an error; on 2 cores the build is
      // simply CPU-bound (measured: import analysis and HTML transform), nothing to act on.
      checks: { bundlerTimings: false },
    },
  },
  worker: { format: "es" },
  server: { host: "localhost", port: 5173 },
  preview: { host: "localhost", port: 4173 },
  test: {
    root: ".",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["web/src/**/*.test.ts", "scripts/**/*.test.ts", "web/tests/support/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: ["web/tests/integration/**/*.test.ts"],
          globalSetup: ["web/tests/integration/global-setup.ts"],
          setupFiles: ["web/tests/integration/setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Tests share one server; each uses its own namespace, but keep files serial on 2 cores.
          fileParallelism: false,
        },
      },
    ],
    coverage: {
      provider: "v8",
      include: ["web/src/**/*.{ts,tsx}", "scripts/**/*.ts"],
      exclude: ["**/*.test.ts", "web/src/**/*.tsx"],
      reporter: ["text-summary", "text", "html"],
      reportsDirectory: "coverage",
    },
  },
});
