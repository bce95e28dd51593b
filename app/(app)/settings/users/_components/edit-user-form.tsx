"use client";
import { useTranslations } from "next-intl";
import { fieldErrorsOf, FormStatus, SelectField, TextAreaField, TextField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import type { UserProfile } from "@/lib/users/queries";
import { updateUserSchema } from "@/lib/users/schemas";
import { updateUserAction } from "../actions";
import { RoleOptions } from "./role-options";

export function EditUserForm({ profile }: { profile: UserProfile }) {
  const t = useTranslations();
  const { state, onSubmit, isPending } = useFormAction(updateUserSchema, updateUserAction);
  const errors = fieldErrorsOf(state);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <input type="hidden" name="userId" value={profile.id} />
      <FormStatus state={state} success={t("common.saved")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="familyName" label={t("users.familyName")} defaultValue={profile.familyName} errors={errors} required />
        <TextField name="givenName" label={t("users.givenName")} defaultValue={profile.givenName} errors={errors} required />
      </div>
      <TextField name="email" type="email" label={t("users.loginEmail")} defaultValue={profile.email} errors={errors} required />
      <SelectField name="role" label={t("users.role")} defaultValue={profile.role} hint={t("users.roleHint")} errors={errors}>
        <RoleOptions />
      </SelectField>
      <TextAreaField
        name="signature"
        label={t("users.signature")}
        hint={t("users.signatureHint")}
        defaultValue={profile.signature}
        rows={5}
        errors={errors}
      />
      <Button isPrimaryAction type="submit" disabled={isPending}>
        {t("common.save")}
      </Button>
    </form>
  );
}
