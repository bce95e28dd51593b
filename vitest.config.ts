import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("./", import.meta.url));

export default defineConfig({
  // Same mapping as tsconfig's `paths`: "@/lib/x" → "<repo>/lib/x".
  // "server-only" resolves to nothing on the server (Next's "react-server" condition); tests run
  // server modules, so here too.
  resolve: {
    alias: [
      { find: /^@\//, replacement: root },
      { find: /^server-only$/, replacement: `${root}node_modules/server-only/empty.js` },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts"],
          // next-auth imports "next/server" without an extension, which Node's own ESM loader
          // refuses: let Vite load it (and so the Auth.js route handlers can run in tests).
          server: { deps: { inline: ["next-auth"] } },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Every file holds its own PGlite (WASM, ~150 MB) and argon2 is CPU-bound: two files at a
          // time suit a 2-core machine.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          // The built app as real processes (`next start`), killed and restarted, and the scripts as
          // `npm run` runs them: after `npm run build`. One file at a time — each runs apps of its own.
          name: "system",
          include: ["tests/system/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/system/support/global-setup.ts"],
          server: { deps: { inline: ["next-auth"] } },
          testTimeout: 300_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
