"use client";
import { useTranslations } from "next-intl";
import { fieldErrorsOf, FormStatus, SelectField, TextAreaField, TextField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import type { UserProfile } from "@/lib/users/queries";
import { updateOwnProfileSchema } from "@/lib/users/schemas";
import { updateOwnProfileAction } from "./actions";

export function ProfileForm({ profile }: { profile: Pick<UserProfile, "familyName" | "givenName" | "signature" | "locale"> }) {
  const t = useTranslations();
  const { state, onSubmit, isPending } = useFormAction(updateOwnProfileSchema, updateOwnProfileAction);
  const errors = fieldErrorsOf(state);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormStatus state={state} success={t("common.saved")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="familyName" label={t("users.familyName")} defaultValue={profile.familyName} errors={errors} required />
        <TextField name="givenName" label={t("users.givenName")} defaultValue={profile.givenName} errors={errors} required />
      </div>
      <SelectField name="locale" label={t("common.language")} defaultValue={profile.locale ?? ""} errors={errors}>
        <option value="">{t("profile.workspaceLanguage")}</option>
        <option value="en">English</option>
        <option value="hu">Magyar</option>
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
