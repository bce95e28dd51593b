import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextProxy, type NextRequest } from "next/server";
import { authConfig } from "@/lib/auth/config";
import { authSecret } from "@/lib/auth/secret";
import { checkActionRequest } from "@/lib/security/action-request";
import { createNonce, hasOwnSecurityPolicy, securityHeaders } from "@/lib/security/headers";

// Only "is there a valid session cookie": the database check happens in getCurrentUser().
const { auth } = NextAuth(() => ({ ...authConfig, secret: authSecret() }));
const authorize = auth as unknown as NextProxy;

const statusText = { 400: "Bad Request", 403: "Forbidden", 413: "Payload Too Large" } as const;

/**
 * In front of every request: a server-action request Next.js could not decode is refused with a
 * 4xx before it reaches the app; Auth.js lets the request through or sends it to sign in; and the
 * response gets the security headers, with a fresh nonce that Next.js puts on its own scripts.
 */
export default async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  const { pathname } = request.nextUrl;
  if (!pathname.startsWith("/api/")) {
    const verdict = await checkActionRequest(request);
    if (!verdict.ok) {
      return new Response(`${statusText[verdict.status]}: ${verdict.reason}\n`, {
        status: verdict.status,
        headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" },
      });
    }
  }

  const authResponse = (await authorize(request, event)) ?? NextResponse.next();
  if (hasOwnSecurityPolicy(pathname)) return authResponse;

  const nonce = createNonce();
  const headers = securityHeaders({ nonce, isDev: process.env.NODE_ENV === "development", isHttps: request.nextUrl.protocol === "https:" });
  const response = passOnWith(authResponse, request, headers["Content-Security-Policy"], nonce);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/**
 * Auth.js lets a request through with NextResponse.next(), which forwards the request as it came.
 * Next.js reads the nonce from the request's Content-Security-Policy header while it renders, so a
 * request let through is forwarded with the policy added (and Auth.js' renewed cookie kept).
 */
function passOnWith(authResponse: Response, request: NextRequest, policy: string, nonce: string): Response {
  if (authResponse.headers.get("x-middleware-next") !== "1") return authResponse;
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  // For a server component that renders a <Script> of its own (next/script takes it as `nonce`).
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  authResponse.headers.forEach((value, name) => {
    if (name !== "set-cookie" && !response.headers.has(name)) response.headers.set(name, value);
  });
  for (const cookie of authResponse.headers.getSetCookie()) response.headers.append("set-cookie", cookie);
  return response;
}

export const config = {
  // Everything but static files; the authorized callback lets the public routes through.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|jpg|svg|webp|ico)$).*)"],
};
