"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import type { PageField, Person } from "@/lib/datasheets/page";
import type { Money } from "@/lib/fields/values";
import { formatName, type Locale } from "@/lib/users/names";
import { localInputValue } from "./local-dates";
import { DateTimeField } from "./todo-form";

/**
 * One field's input for its type; it posts `fields.<key>` (see updateFieldsSchema): a money field
 * its `.amount` and `.currency`, a multi select an array `fields.<key>[]` of option keys.
 */
export function FieldInput({ field, team, error }: { field: PageField; team: Person[]; error?: string }) {
  const t = useTranslations("datasheet");
  const tv = useTranslations("validation");
  const locale = useLocale() as Locale;
  const name = `fields.${field.key}`;
  const id = `field-${field.key}`;
  const message = error ? tv(error) : undefined;
  const a11y = { id, "aria-invalid": message ? true : undefined, "aria-describedby": describedBy(id, { error: message, hint: field.helpText }) };
  const value = field.value;
  const [chosen, setChosen] = useState<string[]>(Array.isArray(value) ? value : []);

  if (field.type === "datetime") {
    return (
      <DateTimeField
        name={name}
        label={field.label}
        errors={error ? { [name]: error } : undefined}
        defaultValue={typeof value === "string" ? localInputValue(new Date(value)) : ""}
        required={field.isRequired}
      />
    );
  }

  let control;
  switch (field.type) {
    case "long_text":
      control = <Textarea {...a11y} name={name} defaultValue={(value as string) ?? ""} rows={3} />;
      break;
    case "number":
      control = <Input {...a11y} name={name} defaultValue={value === null ? "" : String(value)} inputMode="decimal" />;
      break;
    case "money": {
      const money = value as Money | null;
      control = (
        <div className="flex gap-2">
          <Input {...a11y} name={`${name}.amount`} defaultValue={money?.amount ?? ""} inputMode="decimal" className="min-w-0 flex-1" />
          <Input
            name={`${name}.currency`}
            aria-label={t("currencyOf", { field: field.label })}
            defaultValue={money?.currency ?? field.settings.defaultCurrency ?? "HUF"}
            maxLength={3}
            className="w-20 uppercase"
          />
        </div>
      );
      break;
    }
    case "date":
      control = <Input {...a11y} type="date" name={name} defaultValue={(value as string) ?? ""} />;
      break;
    case "single_select":
    case "user":
      control = (
        <NativeSelect {...a11y} name={name} defaultValue={(value as string) ?? ""}>
          <option value="">—</option>
          {field.type === "user"
            ? team.map((p) => (
                <option key={p.id} value={p.id}>
                  {formatName(p, locale)}
                </option>
              ))
            : field.options.map((o) => (
                <option key={o.key} value={o.key}>
                  {o.label}
                </option>
              ))}
        </NativeSelect>
      );
      break;
    case "multi_select":
      return (
        <fieldset className="flex flex-col gap-1.5" aria-describedby={describedBy(id, { error: message })}>
          <legend className="mb-1.5 text-sm font-medium">{field.label}</legend>
          {/* An empty value first: none chosen still sends the field (as an empty list). */}
          <input type="hidden" name={`${name}[]`} value="" />
          {chosen.map((key) => (
            <input key={key} type="hidden" name={`${name}[]`} value={key} />
          ))}
          <div className="flex flex-wrap gap-x-4 gap-y-1.5">
            {field.options.map((o) => (
              <label key={o.key} className="inline-flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4 accent-primary"
                  checked={chosen.includes(o.key)}
                  onChange={(e) => setChosen(e.target.checked ? [...chosen, o.key] : chosen.filter((k) => k !== o.key))}
                />
                {o.label}
              </label>
            ))}
          </div>
          {message ? (
            <p id={`${id}-error`} className="text-xs font-medium text-danger">
              {message}
            </p>
          ) : null}
        </fieldset>
      );
    case "checkbox":
      control = (
        <NativeSelect {...a11y} name={name} defaultValue={value === null ? "" : String(value)}>
          <option value="">—</option>
          <option value="true">{t("yes")}</option>
          <option value="false">{t("no")}</option>
        </NativeSelect>
      );
      break;
    default:
      control = (
        <Input
          {...a11y}
          name={name}
          defaultValue={(value as string) ?? ""}
          type={field.type === "email" ? "email" : field.type === "url" ? "url" : field.type === "phone" ? "tel" : "text"}
        />
      );
  }
  return (
    <Field label={field.label} htmlFor={id} error={message} hint={field.helpText || undefined} required={field.isRequired}>
      {control}
    </Field>
  );
}
