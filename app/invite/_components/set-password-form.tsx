"use client";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/result";
import { fieldErrorsOf, FormStatus, TextField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { setPasswordSchema } from "@/lib/users/schemas";

type LinkAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/** The invitation and reset pages: a new password, typed twice, for the account the link is for. */
export function SetPasswordForm({ token, email, action, submitLabel }: { token: string; email: string; action: LinkAction; submitLabel: string }) {
  const t = useTranslations();
  const { state, onSubmit, isPending } = useFormAction(setPasswordSchema, action);
  const errors = fieldErrorsOf(state);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormStatus state={state} />
      <input type="hidden" name="token" value={token} />
      {/* For password managers: the account the new password belongs to. */}
      <input type="text" name="username" value={email} autoComplete="username" readOnly hidden />
      <TextField
        name="password"
        type="password"
        label={t("passwordLinks.newPassword")}
        hint={t("users.passwordHint")}
        autoComplete="new-password"
        errors={errors}
        required
      />
      <TextField
        name="confirmPassword"
        type="password"
        label={t("passwordLinks.confirmPassword")}
        autoComplete="new-password"
        errors={errors}
        required
      />
      <Button isPrimaryAction type="submit" className="w-full" disabled={isPending}>
        {submitLabel}
      </Button>
    </form>
  );
}
