import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

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
    files: ["web/tests/**/*.ts", "scripts/**/*.ts"],
    rules: { "no-restricted-imports": "off" },
  },
);
