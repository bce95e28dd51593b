"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextField } from "@/components/forms/form-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { signInAction } from "./actions";

export function LoginForm() {
  const t = useTranslations();
  const [state, formAction, isPending] = useActionState(signInAction, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state?.message ? (
        <Alert variant="error" role="alert" data-testid="login-error">
          {t(state.message, state.messageValues)}
        </Alert>
      ) : null}
      <TextField
        name="email"
        type="email"
        label={t("auth.email")}
        autoComplete="username"
        defaultValue={state?.email ?? ""}
        key={state?.email}
        errors={state?.fieldErrors}
        required
      />
      <TextField name="password" type="password" label={t("auth.password")} autoComplete="current-password" errors={state?.fieldErrors} required />
      <Button isPrimaryAction type="submit" className="w-full" disabled={isPending}>
        {isPending ? t("auth.signingIn") : t("auth.signIn")}
      </Button>
    </form>
  );
}
