"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { formDataToInput } from "@/lib/actions/form-data";
import { toFieldErrors, type ActionResult } from "@/lib/actions/result";
import { toActionError } from "@/lib/actions/safe-action";
import { signIn } from "@/lib/auth/auth";
import { setPasswordWithToken } from "@/lib/users/invitations";
import { setPasswordSchema } from "@/lib/users/schemas";

type Purpose = "invitation" | "password_reset";

/** Sets the password through a one-time link, then signs the user in (or, failing that, to /login). */
async function setPasswordThroughLink(purpose: Purpose, formData: FormData): Promise<ActionResult> {
  const parsed = setPasswordSchema.safeParse(formDataToInput(formData, setPasswordSchema));
  if (!parsed.success) return { ok: false, message: "errors.invalid", fieldErrors: toFieldErrors(parsed.error) };
  let email: string;
  try {
    ({ email } = await setPasswordWithToken(purpose, parsed.data));
  } catch (error) {
    return toActionError(error);
  }
  try {
    await signIn("credentials", { email, password: parsed.data.password, redirectTo: "/" });
  } catch (error) {
    // Sign-in locked for this address: the password is set all the same.
    if (!(error instanceof AuthError)) throw error;
  }
  redirect("/login?passwordSet=1");
}

export async function acceptInvitationAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return setPasswordThroughLink("invitation", formData);
}

export async function resetPasswordAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return setPasswordThroughLink("password_reset", formData);
}
