/**
 * The security headers of the app's pages, set by the proxy (proxy.ts) on every response it lets
 * through. Pure: the proxy passes the nonce and what it knows of the request.
 */

/** Routes that answer with a policy of their own, stricter than the pages' and meant to stay so. */
const ownPolicyPaths = [
  // The mailbox's sandboxed email: framed by the mailbox page itself (frame-ancestors 'self').
  /^\/mailbox\/[^/]+\/html$/,
  // Profile pictures: image bytes, never a document.
  /^\/api\/avatars\/[^/]+$/,
  // The API reference (lib/api/reference.ts): Swagger UI's own files, without a nonce.
  /^\/api\/v1\/docs$/,
];

export function hasOwnSecurityPolicy(pathname: string): boolean {
  return ownPolicyPaths.some((re) => re.test(pathname));
}

/** A fresh, unguessable nonce for one response: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export type PolicyOptions = {
  nonce: string;
  /** `next dev`: React rebuilds server errors' stacks in the browser with eval. */
  isDev: boolean;
  /**
   * The request came over HTTPS (Next.js' request URL: the socket, or a TLS-ending proxy's
   * `X-Forwarded-Proto`): HSTS, and any stray http: subresource upgraded.
   */
  isHttps: boolean;
};

/**
 * The Content-Security-Policy of the pages.
 *
 * - Scripts: only those carrying this response's nonce (Next.js puts it on its own scripts, read
 *   from this header on the request) and what they load ('strict-dynamic'); no eval in production.
 * - Styles: 'self' and 'unsafe-inline'. React and Radix write `style` attributes into the server's
 *   HTML (popover positions, progress bars, recharts' SVG) and react-remove-scroll adds a <style>
 *   element at run time without a nonce; a nonce cannot cover an attribute, and a nonce in
 *   style-src would switch 'unsafe-inline' off. Styles cannot run code; scripts stay nonce-only.
 * - Images: the app's own (avatars) and data: URLs; frames: the app's own (the mailbox's email).
 * - Nothing may frame a page, forms post only to the app, no plugins, no <base> rewriting.
 */
export function contentSecurityPolicy({ nonce, isDev, isHttps }: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (isHttps) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/**
 * Browser features the CRM never uses, switched off for the page and any frame in it. Only names
 * Chromium knows (an unknown one is logged as an error on every page).
 */
const permissionsPolicy = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "usb=()",
  "browsing-topics=()",
].join(", ");

/** HSTS for a year once a browser has reached the app over HTTPS. */
const strictTransportSecurity = "max-age=31536000; includeSubDomains";

/** Every security header of a page's response, the CSP included. */
export function securityHeaders(options: PolicyOptions): { "Content-Security-Policy": string } & Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    // For browsers without frame-ancestors; both say the same.
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": permissionsPolicy,
    ...(options.isHttps ? { "Strict-Transport-Security": strictTransportSecurity } : {}),
  };
}
