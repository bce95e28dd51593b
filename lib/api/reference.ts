import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/*
 * The API reference at /api/v1/docs: Swagger UI reading /api/v1/openapi.json, served by the app
 * itself (no CDN: the page works offline and on a closed network). Its script and style come from
 * the swagger-ui-dist package in node_modules; the start-up call is a file of its own, so the page
 * runs under a Content-Security-Policy without inline scripts.
 */

export const REFERENCE_PATH = "/api/v1/docs";

const packageDir = path.dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const swaggerVersion = (JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string }).version;

// The start-up call: the document, no calls to an outside validator (its badge would load from
// elsewhere), the operations listed, Authorize keeping nothing across reloads.
const initScript = `"use strict";
window.ui = SwaggerUIBundle({
  url: "/api/v1/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  validatorUrl: null,
  docExpansion: "list",
  defaultModelsExpandDepth: 0,
  displayRequestDuration: true,
  persistAuthorization: false
});
`;

// A few lines of the app's own: the page's heading bar, and Swagger UI's light grey texts darkened
// to a readable contrast.
const pageCss = `body { margin: 0; font-family: system-ui, sans-serif; color: #1f2937; }
.reference-header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 1rem; padding: 0.75rem 1.25rem; border-bottom: 1px solid #e5e7eb; }
.reference-header h1 { margin: 0; font-size: 1.125rem; }
.reference-header p { margin: 0; font-size: 0.875rem; color: #4b5563; }
.reference-header a { color: #1d4ed8; }
.swagger-ui .info { margin: 1.5rem 0; }
.swagger-ui .opblock-tag small, .swagger-ui .opblock .opblock-summary-description, .swagger-ui .response-col_description__inner p, .swagger-ui .parameter__in { color: #374151; }
`;

interface Asset {
  /** The file's content, read once. */
  body: () => Buffer;
  type: string;
  /** Changes with the content: it is part of the URL, so the file may be cached for good. */
  version: string;
}

const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 12);

function packageFile(name: string): () => Buffer {
  let body: Buffer | undefined;
  return () => (body ??= fs.readFileSync(path.join(packageDir, name)));
}

const assets: Record<string, Asset> = {
  "swagger-ui-bundle.js": { body: packageFile("swagger-ui-bundle.js"), type: "text/javascript; charset=utf-8", version: swaggerVersion },
  "swagger-ui.css": { body: packageFile("swagger-ui.css"), type: "text/css; charset=utf-8", version: swaggerVersion },
  "init.js": { body: () => Buffer.from(initScript), type: "text/javascript; charset=utf-8", version: digest(initScript) },
  "reference.css": { body: () => Buffer.from(pageCss), type: "text/css; charset=utf-8", version: digest(pageCss) },
};

const assetUrl = (name: keyof typeof assets & string) => `${REFERENCE_PATH}/${name}?v=${assets[name]!.version}`;

/** A file of the reference page, or null for any other name (nothing else of node_modules is served). */
export function referenceAsset(name: string, requestedVersion: string | null): Response | null {
  const asset = Object.hasOwn(assets, name) ? assets[name]! : null;
  if (!asset) return null;
  // A URL naming this version is this content forever; any other asks again next time.
  const cache = requestedVersion === asset.version ? "public, max-age=31536000, immutable" : "public, max-age=0, must-revalidate";
  return new Response(new Uint8Array(asset.body()), {
    headers: { "Content-Type": asset.type, "Cache-Control": cache, "X-Content-Type-Options": "nosniff" },
  });
}

/** Only the app's own files, no inline script; Swagger UI sets inline styles and uses data: images. */
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CRM REST API reference</title>
<link rel="stylesheet" href="${assetUrl("swagger-ui.css")}">
<link rel="stylesheet" href="${assetUrl("reference.css")}">
</head>
<body>
<header class="reference-header">
<h1>CRM REST API reference</h1>
<p>The OpenAPI 3.1 document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. A key: Settings → API keys, or <code>npm run api-key</code>.</p>
</header>
<main id="swagger-ui"><noscript>This reference needs JavaScript; the document itself is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</noscript></main>
<script src="${assetUrl("swagger-ui-bundle.js")}"></script>
<script src="${assetUrl("init.js")}"></script>
</body>
</html>
`;

/** The reference page itself: public like the document it shows (it holds no data). */
export function referencePage(): Response {
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Content-Security-Policy": contentSecurityPolicy,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
