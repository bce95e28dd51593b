"use server";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { auth, signOut } from "@/lib/auth/auth";
import { sessionEndsAt } from "@/lib/auth/config";
import { revokeSession } from "@/lib/auth/sessions";
import { requireUser } from "@/lib/auth/actor";
import { isLocale } from "@/lib/i18n/locales";
import { THEME_COOKIE, parseTheme } from "@/lib/ui/theme";
import { setOwnLocale } from "@/lib/users/mutations";

export async function signOutAction(): Promise<void> {
  // The session is ended on the server too: a copy of its cookie (re-set by a request still on its
  // way, say) is refused from now on.
  const session = await auth();
  if (session?.user?.id) {
    const endsAt = session.signedInAt !== null ? sessionEndsAt(session.signedInAt) : new Date(session.expires);
    try {
      await revokeSession({ sessionId: session.sessionId, userId: session.user.id, expiresAt: endsAt });
    } catch (error) {
      // The database is unreachable: the cookie still goes, so the user is signed out here.
      console.error("sign-out: the session could not be revoked", error);
    }
  }
  await signOut({ redirectTo: "/login" });
}

export async function setThemeAction(theme: string): Promise<void> {
  (await cookies()).set(THEME_COOKIE, parseTheme(theme), { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  revalidatePath("/", "layout");
}

export async function setOwnLocaleAction(locale: string): Promise<void> {
  const user = await requireUser();
  if (!isLocale(locale)) return;
  await setOwnLocale(user, locale);
  revalidatePath("/", "layout");
}
