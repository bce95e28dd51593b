import type { NextAuthConfig } from "next-auth";
import { isEmbedded } from "@/db/config";

/** Routes a signed-out visitor may open. Inngest's calls to /api/inngest are signed instead. */
const publicPaths = [
  /^\/login$/,
  /^\/setup$/,
  /^\/api\/auth\//,
  /^\/api\/health$/,
  /^\/api\/inngest$/,
  // Email: the links in a message (a signed or one-time token is their credential) and Resend's
  // signed webhooks.
  /^\/forgot-password$/,
  /^\/(invite|reset-password|unsubscribe)\/[^/]+$/,
  /^\/api\/email\/(o|c|unsubscribe)\/[^/]+$/,
  /^\/api\/webhooks\/resend$/,
  // The REST API authenticates each request by its API key (lib/api/http.ts), not by a session.
  /^\/api\/v1(\/.*)?$/,
  // `npm run db:backup` on the same machine: the token the app wrote into its data folder.
  /^\/api\/backups$/,
];

/**
 * How long a session lasts from its sign-in, however active: the cookie is renewed as the user
 * works, but a session (and a copy of its cookie) never outlives this.
 */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export const DEFAULT_SESSION_IDLE_TIMEOUT_HOURS = 12;

/**
 * How long a session survives without a request (SESSION_IDLE_TIMEOUT_HOURS, default 12 hours):
 * Auth.js's own expiry of the session token. The proxy re-issues the token, with a new expiry, on
 * every request, so activity renews it without a database write; a token (or a kept copy of its
 * cookie) not renewed for this long is refused by Auth.js itself.
 */
export function sessionIdleTimeoutSeconds(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SESSION_IDLE_TIMEOUT_HOURS?.trim();
  if (!raw) return DEFAULT_SESSION_IDLE_TIMEOUT_HOURS * 3600;
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours <= 0) throw new Error(`SESSION_IDLE_TIMEOUT_HOURS must be a positive number of hours, not "${raw}".`);
  return Math.min(Math.round(hours * 3600), SESSION_MAX_AGE_SECONDS);
}

/** When a session with this sign-in time (seconds since the epoch) ends. */
export function sessionEndsAt(signedInAt: number): Date {
  return new Date((signedInAt + SESSION_MAX_AGE_SECONDS) * 1000);
}

/**
 * The part of the Auth.js configuration that needs no database: used by the proxy, which only
 * asks "is there a session cookie". Who the user is, and whether they may still act, is checked
 * against the database on every request by getActor().
 */
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: sessionIdleTimeoutSeconds() },
  // The embedded default runs on the user's own machine; behind a proxy set AUTH_TRUST_HOST=true
  // (Vercel is detected by Auth.js itself).
  trustHost: isEmbedded() || process.env.AUTH_TRUST_HOST === "true" ? true : undefined,
  providers: [],
  logger: {
    error(error) {
      // A token past its idle timeout (a kept copy of an old cookie) is the timeout at work, not
      // an error worth a stack in the log.
      const cause = error.cause as { err?: { code?: unknown } } | undefined;
      if (error.name === "JWTSessionError" && cause?.err?.code === "ERR_JWT_EXPIRED") return;
      console.error(error);
    },
  },
  callbacks: {
    authorized({ auth, request }) {
      if (publicPaths.some((re) => re.test(request.nextUrl.pathname))) return true;
      return Boolean(auth?.user);
    },
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion;
        // The session's own id, so that signing out can end this session (and only this one), and
        // its sign-in time, which renewing the cookie does not move.
        token.sid = crypto.randomUUID();
        token.sat = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.sessionVersion = typeof token.sv === "number" ? token.sv : 0;
      session.sessionId = typeof token.sid === "string" ? token.sid : null;
      session.signedInAt = typeof token.sat === "number" ? token.sat : null;
      return session;
    },
  },
} satisfies NextAuthConfig;

declare module "next-auth" {
  interface Session {
    sessionVersion: number;
    /** Null for a session signed in before sessions had ids. */
    sessionId: string | null;
    /** Seconds since the epoch; null for a session signed in before it was recorded. */
    signedInAt: number | null;
  }
}
