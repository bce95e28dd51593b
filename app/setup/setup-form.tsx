"use client";
import { useLocale, useTranslations } from "next-intl";
import { fieldErrorsOf, FormStatus, SelectField, TextField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { createWorkspaceSchema } from "@/lib/users/schemas";
import { createWorkspaceAction } from "./actions";

export function SetupForm() {
  const t = useTranslations();
  const locale = useLocale();
  const { state, onSubmit, isPending } = useFormAction(createWorkspaceSchema, createWorkspaceAction);
  const errors = fieldErrorsOf(state);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormStatus state={state} />
      <TextField name="companyName" label={t("setup.companyName")} errors={errors} required autoComplete="organization" />
      <SelectField name="locale" label={t("common.language")} errors={errors} defaultValue={locale}>
        <option value="en">English</option>
        <option value="hu">Magyar</option>
      </SelectField>
      <fieldset className="space-y-4">
        <legend className="text-sm font-medium">{t("setup.firstAdmin")}</legend>
        <TextField name="familyName" label={t("users.familyName")} errors={errors} required autoComplete="family-name" />
        <TextField name="givenName" label={t("users.givenName")} errors={errors} required autoComplete="given-name" />
        <TextField name="email" type="email" label={t("auth.email")} errors={errors} required autoComplete="username" />
        <TextField
          name="password"
          type="password"
          label={t("auth.password")}
          hint={t("users.passwordHint")}
          errors={errors}
          required
          autoComplete="new-password"
        />
      </fieldset>
      <Button isPrimaryAction type="submit" className="w-full" disabled={isPending}>
        {t("setup.submit")}
      </Button>
    </form>
  );
}
