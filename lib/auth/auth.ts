import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { authConfig } from "./config";
import { clientIp } from "./client-ip";
import { attemptLogin } from "./login";
import { authSecret } from "./secret";

export class AccountLockedError extends CredentialsSignin {
  code = "locked";
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
          if (result.reason === "locked") throw new AccountLockedError();
          return null;
        }
        return { id: result.userId, sessionVersion: result.sessionVersion };
      },
    }),
  ],
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
