"use server";
import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { asFormData, formDataToInput } from "@/lib/actions/form-data";
import { toFieldErrors } from "@/lib/actions/result";
import { AccountLockedError, signIn } from "@/lib/auth/auth";
import { minutesUntil } from "@/lib/auth/throttle-message";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { signInSchema } from "@/lib/users/schemas";

export type SignInState = {
  ok: false;
  message?: string;
  messageValues?: Record<string, number>;
  fieldErrors?: Record<string, string>;
  email: string;
} | null;

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const values = formDataToInput(formData);
  const email = typeof values.email === "string" ? values.email : "";
  const parsed = signInSchema.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: toFieldErrors(parsed.error), email };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: "/" });
    return null;
  } catch (error) {
    if (error instanceof AccountLockedError) {
      return { ok: false, message: "errors.locked", messageValues: { minutes: minutesUntil(error.until) }, email };
    }
    // One message for an unknown email, a wrong password and a deactivated account.
    if (error instanceof AuthError) return { ok: false, message: "errors.invalidLogin", email };
    throw error;
  }
}

/** Language of the signed-out pages, kept in a cookie. */
export async function setVisitorLocaleAction(formData: FormData): Promise<void> {
  const locale = asFormData(formData).get("locale");
  if (isLocale(locale)) {
    (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  }
}
