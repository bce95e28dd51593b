import type { FieldType } from "@/db/schema/fields";
import type { FieldValue, Money } from "@/lib/fields/values";
import type { Locale } from "@/lib/i18n/locales";

/** What formatting a field's value for an email needs to know about the field. */
export interface MergeFieldDefinition {
  key: string;
  type: FieldType;
  options: readonly { key: string; label: string }[];
}

export interface ValueFormatting {
  locale: Locale;
  /** The workspace's zone: a date and time is written on its clock. */
  timeZone: string;
  /** Names of the workspace's users, for a `user` field. */
  userNames: ReadonlyMap<string, string>;
  /** A checkbox's "yes" and "no" in the email's language. */
  yes: string;
  no: string;
}

const intlLocale = (locale: Locale) => (locale === "hu" ? "hu-HU" : "en-GB");

/**
 * A field's value as text in a client's language, as the datasheet shows it: options by their
 * label, numbers and money in the locale, dates without a time zone shift, a user by name. Empty
 * values are "". Pure: the preview and the sending path write the same text.
 */
export function formatMergeValue(field: MergeFieldDefinition, value: FieldValue | null | undefined, formatting: ValueFormatting): string {
  if (value === null || value === undefined) return "";
  const locale = intlLocale(formatting.locale);
  switch (field.type) {
    case "single_select":
    case "multi_select": {
      const keys = Array.isArray(value) ? value : [String(value)];
      return keys.map((k) => field.options.find((o) => o.key === k)?.label ?? k).join(", ");
    }
    case "checkbox":
      return value ? formatting.yes : formatting.no;
    case "number":
      return new Intl.NumberFormat(locale).format(Number(value));
    case "money": {
      const money = value as Money;
      return new Intl.NumberFormat(locale, { style: "currency", currency: money.currency }).format(Number(money.amount));
    }
    case "date":
      return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${String(value)}T00:00:00Z`));
    case "datetime":
      return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone: formatting.timeZone }).format(new Date(String(value)));
    case "user":
      return formatting.userNames.get(String(value)) ?? "";
    default:
      return Array.isArray(value) ? value.join(", ") : String(value);
  }
}
