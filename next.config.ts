import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  // The catalogs are compiled at build time, so the browser formats messages without shipping an
  // ICU parser (about 9 kB gzip off every page's first load). lib/i18n/catalogs.ts merges the
  // compiled messages as they come.
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "exceljs"],
  experimental: {
    // A profile picture may be up to 1 MB; the multipart envelope needs a little more.
    serverActions: { bodySizeLimit: "2mb" },
  },
  poweredByHeader: false,
};

export default withNextIntl(nextConfig);
