"use server";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { signOut } from "@/lib/auth/auth";
import { requireUser } from "@/lib/auth/actor";
import { getDb } from "@/db/client";
import { recordMyDayVisit } from "@/lib/dashboards/my-day";
import { isLocale } from "@/lib/i18n/locales";
import { THEME_COOKIE, parseTheme } from "@/lib/ui/theme";
import { setOwnLocale } from "@/lib/users/mutations";

export async function signOutAction(): Promise<void> {
  // Auth.js's signOut event (lib/auth/auth.ts) ends the session on the server too.
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

/** My day was opened: "since my last visit" moves on an hour after the last one (lib/dashboards/my-day.ts). */
export async function recordMyDayVisitAction(): Promise<void> {
  const user = await requireUser();
  await recordMyDayVisit(await getDb(), user);
}
