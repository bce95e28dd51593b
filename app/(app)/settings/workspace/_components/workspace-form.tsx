"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { fieldErrorsOf, FormStatus, SelectField, TextField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Separator } from "@/components/ui/separator";
import { updateWorkspaceSettingsSchema } from "@/lib/workspaces/schemas";
import type { WorkspaceSettings } from "@/lib/workspaces/settings";
import { updateWorkspaceSettingsAction } from "../actions";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-4">
      <legend className="mb-2 text-base font-semibold">{title}</legend>
      {children}
    </fieldset>
  );
}

export function WorkspaceForm({ settings, timeZones, senderAddress }: { settings: WorkspaceSettings; timeZones: string[]; senderAddress: string }) {
  const t = useTranslations();
  const { state, onSubmit, isPending } = useFormAction(updateWorkspaceSettingsSchema, updateWorkspaceSettingsAction);
  const errors = fieldErrorsOf(state);
  return (
    <form onSubmit={onSubmit} className="space-y-6" noValidate data-testid="workspace-form">
      <FormStatus state={state} success={t("common.saved")} />
      <Section title={t("workspaceSettings.general")}>
        <TextField name="name" label={t("workspaceSettings.name")} defaultValue={settings.name} errors={errors} required maxLength={200} />
        <SelectField
          name="locale"
          label={t("workspaceSettings.locale")}
          hint={t("workspaceSettings.localeHint")}
          defaultValue={settings.locale}
          errors={errors}
        >
          <option value="en">English</option>
          <option value="hu">Magyar</option>
        </SelectField>
      </Section>
      <Separator />
      <Section title={t("workspaceSettings.regional")}>
        <SelectField
          name="timeZone"
          label={t("workspaceSettings.timeZone")}
          hint={t("workspaceSettings.timeZoneHint")}
          defaultValue={settings.timeZone}
          errors={errors}
        >
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </SelectField>
        <TextField
          name="currency"
          label={t("workspaceSettings.currency")}
          hint={t("workspaceSettings.currencyHint")}
          defaultValue={settings.currency}
          errors={errors}
          required
          maxLength={3}
          className="w-24 uppercase"
          autoComplete="off"
        />
      </Section>
      <Separator />
      <Section title={t("workspaceSettings.email")}>
        <p className="text-sm text-muted-foreground">{t("workspaceSettings.senderAddress", { address: senderAddress })}</p>
        <TextField
          name="emailSenderName"
          label={t("workspaceSettings.senderName")}
          hint={t("workspaceSettings.senderNameHint")}
          defaultValue={settings.emailSenderName ?? ""}
          errors={errors}
          maxLength={100}
        />
        <TextField
          name="emailReplyTo"
          type="email"
          label={t("workspaceSettings.replyTo")}
          hint={t("workspaceSettings.replyToHint")}
          defaultValue={settings.emailReplyTo ?? ""}
          errors={errors}
          maxLength={320}
        />
      </Section>
      <Separator />
      <Section title={t("workspaceSettings.trash")}>
        <TextField
          name="trashRetentionDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={3650}
          step={1}
          label={t("workspaceSettings.trashRetentionDays")}
          hint={t("workspaceSettings.trashRetentionDaysHint")}
          defaultValue={settings.trashRetentionDays}
          errors={errors}
          required
          className="w-28"
        />
      </Section>
      <Button isPrimaryAction type="submit" disabled={isPending}>
        {t("common.save")}
      </Button>
    </form>
  );
}
