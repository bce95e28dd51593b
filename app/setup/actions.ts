"use server";
import { signIn } from "@/lib/auth/auth";
import { getDb } from "@/db/client";
import { formDataToInput } from "@/lib/actions/form-data";
import { toFieldErrors, type ActionResult } from "@/lib/actions/result";
import { toActionError } from "@/lib/actions/safe-action";
import { createWorkspaceSchema } from "@/lib/users/schemas";
import { createFirstWorkspace } from "@/lib/workspaces/setup";

/** The one action a signed-out visitor may call that writes: only while no workspace exists. */
export async function createWorkspaceAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = createWorkspaceSchema.safeParse(formDataToInput(formData, createWorkspaceSchema));
  if (!parsed.success) return { ok: false, message: "errors.invalid", fieldErrors: toFieldErrors(parsed.error) };
  try {
    await createFirstWorkspace(await getDb(), parsed.data);
  } catch (error) {
    return toActionError(error);
  }
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/" });
  return { ok: true, data: null };
}
