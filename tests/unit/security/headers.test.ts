import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, hasOwnSecurityPolicy, securityHeaders } from "@/lib/security/headers";

/** The policy as directive → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe("security headers", () => {
  it("allows scripts only with this response's nonce, and no eval in production", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "abc123==", isDev: false, isHttps: false }));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
    expect([...policy.values()].flat()).not.toContain("'unsafe-eval'");
    expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("lets next dev eval (React's server error stacks) and upgrades requests over HTTPS", () => {
    expect(directives(contentSecurityPolicy({ nonce: "n", isDev: true, isHttps: false })).get("script-src")).toContain("'unsafe-eval'");
    expect(directives(contentSecurityPolicy({ nonce: "n", isDev: false, isHttps: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("sends framing, sniffing, referrer and feature rules, and HSTS only over HTTPS", () => {
    const plain = securityHeaders({ nonce: "n", isDev: false, isHttps: false });
    expect(plain).toMatchObject({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
    expect(plain["Permissions-Policy"]).toMatch(/(^|, )camera=\(\)/);
    expect(plain["Permissions-Policy"]).toMatch(/(^|, )geolocation=\(\)/);
    expect(plain["Content-Security-Policy"]).toContain("'nonce-n'");
    expect(plain).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders({ nonce: "n", isDev: false, isHttps: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}/);
  });

  it("makes a fresh nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("leaves the routes with policies of their own alone", () => {
    expect(hasOwnSecurityPolicy("/mailbox/0b6f1c9e-1d2a-4c3b-9a8e-7f6d5c4b3a21/html")).toBe(true);
    expect(hasOwnSecurityPolicy("/api/avatars/0b6f1c9e-1d2a-4c3b-9a8e-7f6d5c4b3a21")).toBe(true);
    expect(hasOwnSecurityPolicy("/api/v1/docs")).toBe(true);
    for (const path of ["/", "/login", "/mailbox", "/mailbox/0b6f1c9e-1d2a-4c3b-9a8e-7f6d5c4b3a21", "/settings/users", "/api/v1/openapi.json"]) {
      expect(hasOwnSecurityPolicy(path), path).toBe(false);
    }
  });
});
