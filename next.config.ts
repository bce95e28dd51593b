import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  experimental: {
    // A profile picture may be up to 1 MB; the multipart envelope needs a little more.
    serverActions: { bodySizeLimit: "2mb" },
  },
  poweredByHeader: false,
};

export default withNextIntl(nextConfig);
