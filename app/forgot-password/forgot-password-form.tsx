"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { fieldErrorsOf, FormStatus, TextField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { forgotPasswordSchema } from "@/lib/users/schemas";
import { forgotPasswordAction } from "./actions";

export function ForgotPasswordForm() {
  const t = useTranslations();
  const { state, onSubmit, isPending } = useFormAction(forgotPasswordSchema, forgotPasswordAction);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormStatus state={state} success={t("passwordLinks.resetRequested")} />
      <TextField name="email" type="email" label={t("auth.email")} autoComplete="username" errors={fieldErrorsOf(state)} required />
      <Button isPrimaryAction type="submit" className="w-full" disabled={isPending}>
        {t("passwordLinks.sendResetLink")}
      </Button>
      <p className="text-center text-sm">
        <Link href="/login" className="text-muted-foreground underline-offset-4 hover:underline">
          {t("passwordLinks.backToSignIn")}
        </Link>
      </p>
    </form>
  );
}
