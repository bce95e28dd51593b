"use client";
import { useTranslations } from "next-intl";
import { fieldErrorsOf, FormStatus, SelectField, TextField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { createUserSchema } from "@/lib/users/schemas";
import { createUserAction } from "../actions";
import { RoleOptions } from "./role-options";

export function NewUserForm() {
  const t = useTranslations();
  const { state, onSubmit, isPending } = useFormAction(createUserSchema, createUserAction);
  const errors = fieldErrorsOf(state);
  return (
    <Card>
      <CardContent className="pt-6">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormStatus state={state} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField name="familyName" label={t("users.familyName")} errors={errors} required />
            <TextField name="givenName" label={t("users.givenName")} errors={errors} required />
          </div>
          <TextField name="email" type="email" label={t("users.loginEmail")} errors={errors} required />
          <SelectField name="role" label={t("users.role")} errors={errors} defaultValue="normal" hint={t("users.roleHint")}>
            <RoleOptions />
          </SelectField>
          <p className="text-sm text-muted-foreground">{t("users.invitationHint")}</p>
          <Button isPrimaryAction type="submit" disabled={isPending}>
            {t("users.createAndInvite")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
