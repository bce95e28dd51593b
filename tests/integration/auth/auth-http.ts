import type { NextRequest } from "next/server";
import type { Session } from "next-auth";
import { findSessionUser } from "@/lib/auth/sessions";
import { testDb } from "../../support/db";

/**
 * Auth.js's own routes (app/api/auth/[...nextauth]), called as a browser or a plain HTTP client
 * would: the full configuration of lib/auth/auth.ts, its callbacks, events and cookies. Import
 * after AUTH_SECRET is set (see authTestEnv).
 */
const ORIGIN = "http://localhost:3000";
export const SESSION_COOKIE = "authjs.session-token";

/** The environment Auth.js needs, set before lib/auth/auth is imported (in vi.hoisted). */
export function authTestEnv(): void {
  process.env.AUTH_SECRET ??= "test-secret-for-auth-routes-0123456789abcdef";
  process.env.AUTH_TRUST_HOST = "true";
}

async function handlers() {
  return (await import("@/lib/auth/auth")).handlers;
}

function cookiesOf(response: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair!.indexOf("=");
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
  return jar;
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

function request(
  path: string,
  init: { method?: string; cookies: Map<string, string>; headers?: Record<string, string>; form?: Record<string, string> },
): NextRequest {
  const headers = new Headers(init.headers);
  headers.set("cookie", cookieHeader(init.cookies));
  if (init.form) headers.set("content-type", "application/x-www-form-urlencoded");
  return new Request(`${ORIGIN}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.form ? new URLSearchParams(init.form) : undefined,
  }) as unknown as NextRequest;
}

/** A visitor: the CSRF token and cookie Auth.js hands out, kept for the POSTs that need them. */
export async function newVisitor(): Promise<{ csrfToken: string; cookies: Map<string, string> }> {
  const response = await (await handlers()).GET(request("/api/auth/csrf", { cookies: new Map() }));
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { csrfToken, cookies: cookiesOf(response) };
}

export type SignInOutcome = { ok: true; sessionCookie: string } | { ok: false; error: string | null; code: string | null };

/** POST /api/auth/callback/credentials, as the sign-in form of a plain HTTP client. */
export async function signInOverHttp(email: string, password: string, headers: Record<string, string> = {}): Promise<SignInOutcome> {
  const visitor = await newVisitor();
  const response = await (
    await handlers()
  ).POST(
    request("/api/auth/callback/credentials", { method: "POST", cookies: visitor.cookies, headers, form: { csrfToken: visitor.csrfToken, email, password } }),
  );
  const sessionCookie = cookiesOf(response).get(SESSION_COOKIE);
  if (sessionCookie) return { ok: true, sessionCookie };
  const location = new URL(response.headers.get("location") ?? "/", ORIGIN);
  return { ok: false, error: location.searchParams.get("error"), code: location.searchParams.get("code") };
}

/** GET /api/auth/session with this cookie (what auth() does on every request): the session, and the renewed cookie. */
export async function readSession(sessionCookie: string): Promise<{ session: Session | null; renewedCookie: string | undefined }> {
  const response = await (await handlers()).GET(request("/api/auth/session", { cookies: new Map([[SESSION_COOKIE, sessionCookie]]) }));
  const session = (await response.json()) as Session | null;
  const renewed = cookiesOf(response).get(SESSION_COOKIE);
  return { session: session?.user ? session : null, renewedCookie: renewed || undefined };
}

/** Whom a request carrying this cookie acts as: what getCurrentUser() answers for it. */
export async function userOfCookie(sessionCookie: string): Promise<string | null> {
  const { session } = await readSession(sessionCookie);
  return (await findSessionUser(testDb(), session))?.userId ?? null;
}

/** POST /api/auth/signout, Auth.js's own sign-out (the confirmation page's button). */
export async function signOutOverHttp(sessionCookie: string): Promise<{ clearedCookie: boolean }> {
  const visitor = await newVisitor();
  visitor.cookies.set(SESSION_COOKIE, sessionCookie);
  const response = await (
    await handlers()
  ).POST(request("/api/auth/signout", { method: "POST", cookies: visitor.cookies, form: { csrfToken: visitor.csrfToken } }));
  return { clearedCookie: cookiesOf(response).get(SESSION_COOKIE) === "" };
}
