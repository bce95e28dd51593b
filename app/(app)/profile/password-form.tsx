"use client";
import { useTranslations } from "next-intl";
import { fieldErrorsOf, FormStatus, TextField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { changePasswordSchema } from "@/lib/users/schemas";
import { changePasswordAction } from "./actions";

export function PasswordForm() {
  const t = useTranslations();
  const { state, onSubmit, isPending } = useFormAction(changePasswordSchema, changePasswordAction);
  const errors = fieldErrorsOf(state);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormStatus state={state} />
      <TextField
        name="currentPassword"
        type="password"
        label={t("profile.currentPassword")}
        autoComplete="current-password"
        errors={errors}
        required
      />
      <TextField
        name="newPassword"
        type="password"
        label={t("profile.newPassword")}
        hint={t("users.passwordHint")}
        autoComplete="new-password"
        errors={errors}
        required
      />
      <TextField
        name="confirmPassword"
        type="password"
        label={t("profile.confirmPassword")}
        autoComplete="new-password"
        errors={errors}
        required
      />
      <Button isPrimaryAction type="submit" disabled={isPending}>
        {t("profile.changePassword")}
      </Button>
    </form>
  );
}
