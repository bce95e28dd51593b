import type { FieldType } from "@/db/schema/fields";
import { canonicalAmount, type FieldValue, type Money } from "./values";

/**
 * How a parsed value is stored in `datasheet_values`: each type in the column of its SQL type
 * (so filters compare dates as dates and numbers as numbers, through the column's index), and a
 * multi select as one row per chosen option.
 */
export interface StoredValue {
  ordinal: number;
  textValue: string | null;
  longTextValue: string | null;
  numberValue: string | null;
  dateValue: string | null;
  timestampValue: Date | null;
  boolValue: boolean | null;
  currency: string | null;
}

const blank: Omit<StoredValue, "ordinal"> = {
  textValue: null,
  longTextValue: null,
  numberValue: null,
  dateValue: null,
  timestampValue: null,
  boolValue: null,
  currency: null,
};

/** The column a field type is stored and filtered in. */
export function valueColumnOf(type: FieldType): Exclude<keyof StoredValue, "ordinal" | "currency"> {
  switch (type) {
    case "long_text":
      return "longTextValue";
    case "number":
    case "money":
      return "numberValue";
    case "date":
      return "dateValue";
    case "datetime":
      return "timestampValue";
    case "checkbox":
      return "boolValue";
    default:
      return "textValue";
  }
}

/** The rows for a value parsed by parseFieldValue; none for an empty value. */
export function toStoredValues(type: FieldType, value: FieldValue | null): StoredValue[] {
  if (value === null) return [];
  switch (type) {
    case "multi_select":
      return (value as string[]).map((key, ordinal) => ({ ...blank, ordinal, textValue: key }));
    case "money": {
      const money = value as Money;
      return [{ ...blank, ordinal: 0, numberValue: money.amount, currency: money.currency }];
    }
    case "number":
      return [{ ...blank, ordinal: 0, numberValue: String(value) }];
    case "datetime":
      return [{ ...blank, ordinal: 0, timestampValue: new Date(value as string) }];
    default:
      return [{ ...blank, ordinal: 0, [valueColumnOf(type)]: value }];
  }
}

/** The value back from its rows (in any order); null when there are none. */
export function fromStoredValues(type: FieldType, rows: readonly Partial<StoredValue>[]): FieldValue | null {
  if (rows.length === 0) return null;
  const sorted = [...rows].sort((a, b) => (a.ordinal ?? 0) - (b.ordinal ?? 0));
  const row = sorted[0]!;
  switch (type) {
    case "multi_select":
      return sorted.map((r) => r.textValue ?? "").filter(Boolean);
    case "money": {
      const amount = row.numberValue == null ? null : canonicalAmount(row.numberValue);
      return amount === null ? null : { amount, currency: row.currency ?? "" };
    }
    case "number":
      return row.numberValue == null ? null : Number(row.numberValue);
    case "datetime":
      return row.timestampValue ? new Date(row.timestampValue).toISOString() : null;
    default:
      return (row[valueColumnOf(type)] as FieldValue | null | undefined) ?? null;
  }
}
