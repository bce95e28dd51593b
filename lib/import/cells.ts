import type { FieldType } from "@/db/schema/fields";
import { parseLocaleDate, parseLocaleDateTime, parseLocaleMoney, parseLocaleNumber } from "./numbers";

/*
 * A cell's text made into what the field parser (lib/fields/values.ts) takes: numbers and dates in
 * Hungarian or English notation, yes/no words, options by key or by label, users by email or name.
 * What cannot be read is passed on as it is, so the parser answers the reason (`numberInvalid`, …).
 */

export interface CellContext {
  options?: readonly { key: string; label: string }[];
  /** Members by lower-cased email and by lower-cased full name (either order). */
  users?: ReadonlyMap<string, string>;
  /** Places a wall-clock time of a datetime cell: the workspace's time zone. */
  toInstant?: (wallClock: string) => string;
}

const YES = new Set(["igen", "i", "yes", "y", "true", "1", "x", "✓", "✔", "ja", "on"]);
const NO = new Set(["nem", "n", "no", "false", "0", "off", "-"]);

function fold(text: string): string {
  return text.trim().toLocaleLowerCase("hu").normalize("NFC");
}

function optionKey(text: string, options: readonly { key: string; label: string }[]): string {
  const wanted = fold(text);
  return options.find((o) => o.key === text.trim())?.key ?? options.find((o) => fold(o.label) === wanted || fold(o.key) === wanted)?.key ?? text.trim();
}

/** Several options in one cell: separated by `;`, `,`, `|` or line breaks. */
export function splitList(text: string): string[] {
  return text
    .split(/[;,|\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function cellToFieldInput(type: FieldType, text: string, context: CellContext = {}): unknown {
  const value = text.trim();
  if (!value) return null;
  switch (type) {
    case "number":
      return parseLocaleNumber(value) ?? value;
    case "money": {
      const money = parseLocaleMoney(value);
      return money ? { amount: money.amount, currency: money.currency } : { amount: value };
    }
    case "date":
      return parseLocaleDate(value) ?? value;
    case "datetime": {
      const parsed = parseLocaleDateTime(value);
      if (!parsed) return value;
      if ("instant" in parsed) return parsed.instant;
      return context.toInstant ? context.toInstant(parsed.wallClock) : `${parsed.wallClock}Z`;
    }
    case "checkbox": {
      const word = fold(value);
      return YES.has(word) ? true : NO.has(word) ? false : value;
    }
    case "single_select":
      return optionKey(value, context.options ?? []);
    case "multi_select":
      return [...new Set(splitList(value).map((part) => optionKey(part, context.options ?? [])))];
    case "user":
      return context.users?.get(fold(value)) ?? value;
    default:
      return value;
  }
}
