"use client";
import { Pencil } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { fieldErrorsOf } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import type { PageField, Person } from "@/lib/datasheets/page";
import type { Money } from "@/lib/fields/values";
import { updateFieldsAction } from "../../actions";
import { FieldInput } from "./field-input";
import { ActionError, PersonChip, Section } from "./page-ui";
import { useRefreshingAction } from "./page-actions";

function FieldValueText({ field }: { field: PageField }) {
  const t = useTranslations("datasheet");
  const format = useFormatter();
  const v = field.value;
  if (v === null) return <span className="text-muted-foreground">—</span>;
  const label = (key: string) => field.options.find((o) => o.key === key)?.label ?? key;
  switch (field.type) {
    case "single_select":
      return <>{label(v as string)}</>;
    case "multi_select":
      return <>{(v as string[]).map(label).join(", ")}</>;
    case "checkbox":
      return <>{v ? t("yes") : t("no")}</>;
    case "number":
      return <>{format.number(v as number)}</>;
    case "money":
      return <>{format.number(Number((v as Money).amount), { style: "currency", currency: (v as Money).currency })}</>;
    case "date":
      return <>{format.dateTime(new Date(`${v as string}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" })}</>;
    case "datetime":
      return <>{format.dateTime(new Date(v as string), { dateStyle: "medium", timeStyle: "short" })}</>;
    case "user":
      return <PersonChip userId={v as string} fallback="—" />;
    case "email":
      return <a href={`mailto:${v as string}`} className="break-all text-primary hover:underline">{v as string}</a>;
    case "phone":
      return <a href={`tel:${(v as string).replace(/[^\d+]/g, "")}`} className="text-primary hover:underline">{v as string}</a>;
    case "url":
      return <a href={v as string} target="_blank" rel="noreferrer noopener" className="break-all text-primary hover:underline">{v as string}</a>;
    default:
      return <span className="break-words whitespace-pre-line">{v as string}</span>;
  }
}

/** The module's fields: read as a list, edited in place with per-type inputs; errors show next to each field. */
export function FieldsCard({ datasheetId, version, fields, team }: { datasheetId: string; version: number; fields: PageField[]; team: Person[] }) {
  const t = useTranslations("datasheet");
  const [isEditing, setEditing] = useState(false);
  const action = useRefreshingAction(updateFieldsAction, () => setEditing(false));
  const { state, onSubmit, isPending } = useFormAction(async () => (await import("@/lib/datasheets/schemas")).updateFieldsSchema, action);
  const errors = fieldErrorsOf(state);
  if (!fields.length) return null;
  return (
    <Section
      title={t("fields")}
      testId="fields"
      actions={
        isEditing ? null : (
          <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>
            <Pencil aria-hidden="true" />
            {t("editFields")}
          </Button>
        )
      }
    >
      <ActionError state={state} />
      {isEditing ? (
        <form onSubmit={onSubmit} className="space-y-3" noValidate>
          <input type="hidden" name="datasheetId" value={datasheetId} />
          <input type="hidden" name="version" value={version} />
          {/* Keyed on the version: after a conflict the inputs show the current values. */}
          <div key={version} className="space-y-3">
            {fields.map((f) => (
              <FieldInput key={f.id} field={f} team={team} error={errors?.[`fields.${f.key}`]} />
            ))}
          </div>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="outline" size="sm" onClick={() => setEditing(false)}>
              {t("cancel")}
            </Button>
            <Button isPrimaryAction type="submit" size="sm" disabled={isPending}>
              {t("save")}
            </Button>
          </div>
        </form>
      ) : (
        <dl className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-x-3 gap-y-2 text-sm">
          {fields.map((f) => (
            <div key={f.id} className="contents">
              <dt className="text-muted-foreground">{f.label}</dt>
              <dd className="min-w-0">
                <FieldValueText field={f} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </Section>
  );
}
