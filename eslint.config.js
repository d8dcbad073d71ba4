import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import { createNodeResolver, importX } from "eslint-plugin-import-x";

const NATS_ONLY_IN_NATS = {
  patterns: [
    {
      group: ["@nats-io/*"],
      message: "Only web/src/nats/ talks to the NATS client: use its functions (one owner of the transport).",
    },
  ],
};

export default tseslint.config(
  { ignores: ["dist", "dist-cli", "coverage", "node_modules", "test-results", "playwright-report", ".nats-data", ".room", "tmp"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["web/src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "no-restricted-imports": ["error", NATS_ONLY_IN_NATS],
    },
  },
  {
    // The engine and the metrics are plain TypeScript: no React, and only nats/ owns the client.
    files: ["web/src/nats/**/*.ts", "web/src/metrics/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "react", message: "nats/ and metrics/ stay free of React." }],
          patterns: [{ group: ["react-dom", "react/*", "zustand*", "recharts"], message: "nats/ and metrics/ stay free of UI code." }],
        },
      ],
    },
  },
  {
    files: ["web/src/metrics/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@nats-io/*", "react", "react-*", "zustand*", "recharts"], message: "metrics/ is pure: no NATS client, no UI." },
          ],
        },
      ],
    },
  },
  {
    // The lab and the exercises are plain TypeScript (the engine and the checks run in workers and in Node).
    files: ["web/src/lab/**/*.ts", "web/src/exercises/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "react", message: "lab/ and exercises/ stay free of React: the page's components live in features/." }],
          patterns: [
            { group: ["react-dom", "react/*", "zustand*"], message: "lab/ and exercises/ stay free of UI code." },
            NATS_ONLY_IN_NATS.patterns[0],
          ],
        },
      ],
    },
  },
  {
    // One-way layers: app → features → lab/contract → nats → metrics. Tests may assemble layers.
    files: ["web/src/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js"] })],
      "import-x/extensions": [".ts", ".tsx", ".js"],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: ["./web/src/features", "./web/src/app", "./web/src/shared", "./web/src/exercises", "./web/src/bench"],
              from: "./web/src/lab",
              except: ["./contract"],
              message: "Outside the lab, only its contract (web/src/lab/contract/) may be imported: the engine runs in a worker.",
            },
            {
              target: "./web/src/lab/contract",
              from: "./web/src/lab/engine",
              message: "The contract is what page and engine share: it imports nothing of the engine.",
            },
            {
              target: "./web/src/lab",
              from: ["./web/src/features", "./web/src/app"],
              message: "The lab does not know the page: features/ and app/ build on it, never the other way.",
            },
            {
              target: "./web/src/nats",
              from: ["./web/src/lab", "./web/src/features", "./web/src/app", "./web/src/exercises", "./web/src/shared", "./web/src/bench"],
              message: "nats/ is the bottom layer (with metrics/ and the room's contract): it imports nothing above it.",
            },
            {
              target: "./web/src/metrics",
              from: "./web/src",
              except: ["./metrics"],
              message: "metrics/ is pure and imports nothing of the app.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["web/tests/**/*.ts", "scripts/**/*.ts"],
    rules: { "no-restricted-imports": "off" },
  },
);
