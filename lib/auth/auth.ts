import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { authConfig } from "./config";
import { clientIp } from "./client-ip";
import { attemptLogin } from "./login";
import { authSecret } from "./secret";
import { revokeSession, tokenEndsAt } from "./sessions";

/** Sign-in refused until a time (lib/auth/throttle.ts); the sign-in form says how long to wait. */
export class AccountLockedError extends CredentialsSignin {
  code = "locked";
  constructor(readonly until: Date) {
    super();
  }
}

const credentialsSchema = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(500) });

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth(() => ({
  ...authConfig,
  secret: authSecret(),
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await attemptLogin(await getDb(), { ...parsed.data, ip: clientIp(request.headers) });
        if (!result.ok) {
          if (result.reason === "locked") throw new AccountLockedError(result.until);
          return null;
        }
        return { id: result.userId, sessionVersion: result.sessionVersion };
      },
    }),
  ],
  events: {
    // Every way of signing out — the app's menu (signOut() in a server action) and Auth.js's own
    // POST /api/auth/signout — ends here, so the session is refused from now on even where a copy
    // of its cookie survives.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (!token?.sub) return;
      try {
        await revokeSession({ sessionId: typeof token.sid === "string" ? token.sid : null, userId: token.sub, expiresAt: tokenEndsAt(token) });
      } catch (error) {
        // The database is unreachable: the cookie still goes, so the user is signed out here.
        console.error("sign-out: the session could not be revoked", error);
      }
    },
  },
  callbacks: {
    ...authConfig.callbacks,
    async jwt(params) {
      const token = await authConfig.callbacks.jwt(params);
      // After a password change the current session takes the new version; the others are left
      // behind and rejected by getActor().
      if (params.trigger === "update" && token.sub) {
        const { currentSessionVersion } = await import("@/lib/users/queries");
        token.sv = await currentSessionVersion(token.sub);
      }
      return token;
    },
  },
}));
