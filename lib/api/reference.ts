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

// Resolved by Node at run time (the bundler would answer a module id, not a path).
const packageDir = path.dirname(createRequire(import.meta.url).resolve(/* turbopackIgnore: true */ "swagger-ui-dist/package.json"));
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
  persistAuthorization: false,
  onComplete: function () {
    // Swagger UI's server picker has a caption but no label.
    var servers = document.getElementById("servers");
    if (servers) servers.setAttribute("aria-label", "Servers");
  }
});
`;

// A few lines of the app's own on top of Swagger UI's style: its pale method badges and green
// texts darkened to a readable contrast (WCAG AA) on white.
const pageCss = `body { margin: 0; }
.swagger-ui .info { margin: 1.5rem 0; }
.swagger-ui .info .title small.version-stamp { background: #3f6600; }
.swagger-ui .info .title small { background: #545a66; }
.swagger-ui .info .url, .swagger-ui .info a { color: #1d5fae; }
.swagger-ui .btn.authorize { color: #17683f; border-color: #17683f; }
.swagger-ui .btn.authorize svg { fill: #17683f; }
.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #1f68a8; }
.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #17683f; }
.swagger-ui .opblock.opblock-patch .opblock-summary-method { background: #0d6b58; }
.swagger-ui .opblock.opblock-put .opblock-summary-method { background: #8a4f00; }
.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #b31b1b; }
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
<link rel="icon" href="/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${assetUrl("swagger-ui.css")}">
<link rel="stylesheet" href="${assetUrl("reference.css")}">
</head>
<body>
<div id="swagger-ui"><noscript><h1>CRM REST API</h1><p>This reference needs JavaScript; the OpenAPI document itself is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p></noscript></div>
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
