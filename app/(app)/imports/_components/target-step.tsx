"use client";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import type { NewClientModule, TeamMember } from "@/lib/datasheets/new-client-options";
import type { ImportSettings } from "@/lib/import/schemas";
import { duplicateKeys, duplicateModes, entries } from "@/lib/import/targets";

export type TargetChoice = Omit<ImportSettings, "mapping" | "moduleId">;

/** Step 3: the starting status (or Entry), the responsible user, and what to do with duplicates. */
export function TargetStep({
  module,
  team,
  value,
  onChange,
}: {
  module: NewClientModule;
  team: TeamMember[];
  value: TargetChoice;
  onChange: (value: TargetChoice) => void;
}) {
  const t = useTranslations("import");
  const id = useId();
  const set = (change: Partial<TargetChoice>) => onChange({ ...value, ...change });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {module.isAutomatic ? (
        <Field label={t("entry")} htmlFor={`${id}-entry`}>
          <NativeSelect id={`${id}-entry`} value={value.entry} onChange={(e) => set({ entry: e.target.value as TargetChoice["entry"] })}>
            {entries.map((entry) => (
              <option key={entry} value={entry}>
                {t(`entries.${entry}`)}
              </option>
            ))}
          </NativeSelect>
        </Field>
      ) : (
        <Field label={t("status")} htmlFor={`${id}-status`}>
          <NativeSelect id={`${id}-status`} value={value.statusId ?? module.statuses[0]?.id ?? ""} onChange={(e) => set({ statusId: e.target.value })}>
            {module.statuses.map((s) => (
              <option key={s.id} value={s.id}>
                {s.groupName} – {s.name}
              </option>
            ))}
          </NativeSelect>
        </Field>
      )}
      <Field label={t("responsible")} htmlFor={`${id}-responsible`}>
        <NativeSelect id={`${id}-responsible`} value={value.responsibleUserId ?? ""} onChange={(e) => set({ responsibleUserId: e.target.value || null })}>
          <option value="">{t("nobody")}</option>
          {team.map((u) => (
            <option key={u.id} value={u.id}>
              {u.familyName} {u.givenName}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <fieldset className="space-y-3 sm:col-span-2">
        <legend className="text-sm font-semibold">{t("duplicates")}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("match")} htmlFor={`${id}-match`}>
            <NativeSelect id={`${id}-match`} value={value.match} onChange={(e) => set({ match: e.target.value as TargetChoice["match"] })}>
              {duplicateKeys.map((key) => (
                <option key={key} value={key}>
                  {t(`matches.${key}`)}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field label={t("mode")} htmlFor={`${id}-mode`}>
            <NativeSelect id={`${id}-mode`} value={value.mode} onChange={(e) => set({ mode: e.target.value as TargetChoice["mode"] })}>
              {duplicateModes.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`modes.${mode}`)}
                </option>
              ))}
            </NativeSelect>
          </Field>
        </div>
      </fieldset>
      <label className="flex items-center gap-2 text-sm font-medium sm:col-span-2">
        <input type="checkbox" checked={value.runAutomations} onChange={(e) => set({ runAutomations: e.target.checked })} className="size-4 accent-primary" />
        {t("runAutomations")}
      </label>
    </div>
  );
}
