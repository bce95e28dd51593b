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
];

/**
 * The part of the Auth.js configuration that needs no database: used by the proxy, which only
 * asks "is there a session cookie". Who the user is, and whether they may still act, is checked
 * against the database on every request by getActor().
 */
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  // The embedded default runs on the user's own machine; behind a proxy set AUTH_TRUST_HOST=true
  // (Vercel is detected by Auth.js itself).
  trustHost: isEmbedded() || process.env.AUTH_TRUST_HOST === "true" ? true : undefined,
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      if (publicPaths.some((re) => re.test(request.nextUrl.pathname))) return true;
      return Boolean(auth?.user);
    },
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.sessionVersion = typeof token.sv === "number" ? token.sv : 0;
      return session;
    },
  },
} satisfies NextAuthConfig;

declare module "next-auth" {
  interface Session {
    sessionVersion: number;
  }
}
