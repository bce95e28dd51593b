"use server";
import { formDataToInput } from "@/lib/actions/form-data";
import { toFieldErrors, type ActionResult } from "@/lib/actions/result";
import { notifyOutbox } from "@/lib/jobs/outbox";
import { requestPasswordReset } from "@/lib/users/invitations";
import { forgotPasswordSchema } from "@/lib/users/schemas";

/** The same answer whether or not the address has an account (the service may send nothing). */
export async function forgotPasswordAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = forgotPasswordSchema.safeParse(formDataToInput(formData, forgotPasswordSchema));
  if (!parsed.success) return { ok: false, message: "errors.invalid", fieldErrors: toFieldErrors(parsed.error) };
  await requestPasswordReset({ email: parsed.data.email });
  notifyOutbox();
  return { ok: true, data: null };
}
