import { expect, type APIResponse, type BrowserContext, type Response } from "@playwright/test";

/** The mailbox's email frame: its own, stricter policy blocks what the email asks for (by design). */
const ownPolicyFrame = /\/mailbox\/[^/]+\/html$/;

/**
 * Collects every Content-Security-Policy violation in a context's pages, from now on: Chromium
 * logs each as a console error ("Refused to …") and fires `securitypolicyviolation`, which an
 * init script turns into a console error of its own (for what Chromium reports without a log).
 */
export async function watchCspViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`[csp-violation] ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`);
    });
  });
  context.on("console", (message) => {
    const text = message.text();
    if (message.type() !== "error" || !/\[csp-violation\]|Content Security Policy/.test(text)) return;
    const where = message.location().url;
    if (ownPolicyFrame.test(where)) return;
    violations.push(`${where}: ${text}`);
  });
  return violations;
}

/** The headers lib/security/headers.ts gives every page. */
export function expectSecurityHeaders(response: Response | APIResponse | null, what: string): void {
  expect(response, what).not.toBeNull();
  const headers = response!.headers();
  const policy = headers["content-security-policy"] ?? "";
  expect(policy, `CSP of ${what}`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy, `CSP of ${what}`).toContain("frame-ancestors 'none'");
  expect(policy, `CSP of ${what}`).not.toContain("unsafe-eval");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
}
