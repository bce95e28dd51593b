"use client";
import { Braces } from "lucide-react";
import { useTranslations } from "next-intl";
import { mergeFieldGroups, type MergeFieldGroup } from "@/lib/email-templates/merge-fields";

const groupOrder = Object.keys(mergeFieldGroups) as MergeFieldGroup[];

/**
 * The merge fields a template can use, by group, and the module's own fields: a click inserts one
 * where the cursor was in the subject or the text. Plain buttons, so the keyboard and a phone work alike.
 */
export function MergeFieldPicker({ fields, onInsert }: { fields: { key: string; label: string }[]; onInsert: (name: string) => void }) {
  const t = useTranslations("emailTemplateSettings");
  const button = (name: string, label: string, group: string) => (
    <li key={name}>
      <button
        type="button"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => onInsert(name)}
        aria-label={t("insertField", { label: `${group}: ${label}` })}
        className="inline-flex h-7 items-center rounded-md border border-border bg-background px-2 text-xs hover:bg-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring pointer-coarse:h-9"
        data-merge-field={name}
      >
        {label}
      </button>
    </li>
  );
  return (
    <details className="rounded-[var(--radius)] border border-border bg-card p-3 text-sm" open data-testid="merge-field-picker">
      <summary className="cursor-pointer font-medium">
        <Braces aria-hidden="true" className="mr-1.5 inline size-4 align-[-3px]" />
        {t("mergeFields")}
      </summary>
      <p className="mt-1 text-xs text-muted-foreground">{t("mergeFieldsHint")}</p>
      <div className="mt-3 space-y-3">
        {groupOrder.map((group) => (
          <div key={group}>
            <p className="mb-1 text-xs font-semibold text-muted-foreground">{t(`groups.${group}`)}</p>
            <ul className="flex flex-wrap gap-1.5">
              {mergeFieldGroups[group].map((name) => button(name, t(`labels.${name.replace(/\./g, "_")}`), t(`groups.${group}`)))}
            </ul>
          </div>
        ))}
        <div>
          <p className="mb-1 text-xs font-semibold text-muted-foreground">{t("groups.field")}</p>
          {fields.length ? (
            <ul className="flex flex-wrap gap-1.5">{fields.map((f) => button(`field.${f.key}`, f.label, t("groups.field")))}</ul>
          ) : (
            <p className="text-xs text-muted-foreground">{t("noFields")}</p>
          )}
        </div>
      </div>
    </details>
  );
}
