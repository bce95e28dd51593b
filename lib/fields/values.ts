import { z } from "zod";
import type { FieldSettings, FieldType } from "@/db/schema/fields";

/**
 * What a datasheet holds for one field, after validation. Empty is null.
 * - number: a finite number; money: a canonical amount ("1234.50") and an ISO 4217 code;
 * - date: "YYYY-MM-DD"; datetime: an ISO instant in UTC ("2026-03-01T08:30:00.000Z");
 * - single select: an option key; multi select: distinct option keys in the order given;
 * - user: a user id (whether it is a user of the workspace is the datasheet service's check).
 */
export type Money = { amount: string; currency: string };
export type FieldValue = string | number | boolean | string[] | Money;

export interface FieldDefinition {
  type: FieldType;
  isRequired: boolean;
  options?: readonly { key: string }[];
  settings?: FieldSettings | null;
}

/** Every message parseFieldValue can answer with; all are keys under `validation.` in the catalogs. */
export const fieldValueErrors = [
  "required",
  "tooLong",
  "textInvalid",
  "numberInvalid",
  "moneyInvalid",
  "currencyInvalid",
  "dateInvalid",
  "datetimeInvalid",
  "emailInvalid",
  "phoneInvalid",
  "urlInvalid",
  "optionInvalid",
  "optionsDuplicate",
  "checkboxInvalid",
  "userInvalid",
] as const;
export type FieldValueError = (typeof fieldValueErrors)[number];

export type ParseResult = { ok: true; value: FieldValue | null } | { ok: false; error: FieldValueError };

export const TEXT_MAX = 500;
export const LONG_TEXT_MAX = 20_000;
export const URL_MAX = 1000;
export const DEFAULT_CURRENCY = "HUF";
/** Numbers and amounts beyond this lose precision as JavaScript numbers. */
const NUMBER_LIMIT = 1e15;

const ok = (value: FieldValue | null): ParseResult => ({ ok: true, value });
const fail = (error: FieldValueError): ParseResult => ({ ok: false, error });

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;
const AMOUNT = /^[+-]?\d{1,13}(\.\d{1,2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const PHONE = /^\+?[\d\s()-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const emailSchema = z.email();

let currencies: ReadonlySet<string> | undefined;
/** ISO 4217 codes in use, as the runtime's ICU knows them. */
export function isCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf("currency"));
  return currencies.has(code);
}

export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

function isEmpty(raw: unknown): boolean {
  return raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "") || (Array.isArray(raw) && raw.length === 0);
}

function parseText(raw: unknown, max: number): ParseResult {
  if (typeof raw !== "string") return fail("textInvalid");
  const text = raw.trim();
  return text.length > max ? fail("tooLong") : ok(text);
}

function parseNumber(raw: unknown): ParseResult {
  let value: number;
  if (typeof raw === "number") value = raw;
  else if (typeof raw === "string" && DECIMAL.test(raw.trim())) value = Number(raw.trim());
  else return fail("numberInvalid");
  if (!Number.isFinite(value) || Math.abs(value) >= NUMBER_LIMIT) return fail("numberInvalid");
  return ok(Object.is(value, -0) ? 0 : value);
}

/** "12", 12, "12.5", "-0.05" → "12.00", "12.50", "-0.05"; at most two decimals. */
export function canonicalAmount(raw: unknown): string | null {
  const text = typeof raw === "number" && Number.isFinite(raw) ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  if (!AMOUNT.test(text)) return null;
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = text.replace(/^[+-]/, "").split(".");
  const digits = whole.replace(/^0+(?=\d)/, "");
  const amount = `${digits}.${fraction.padEnd(2, "0")}`;
  return negative && /[1-9]/.test(amount) ? `-${amount}` : amount;
}

function parseMoney(raw: unknown, settings: FieldSettings | null | undefined): ParseResult {
  const fallback = settings?.defaultCurrency ?? DEFAULT_CURRENCY;
  const input = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : { amount: raw };
  if (isEmpty(input.amount)) return ok(null);
  const amount = canonicalAmount(input.amount);
  if (amount === null) return fail("moneyInvalid");
  const currencyInput = isEmpty(input.currency) ? fallback : input.currency;
  if (typeof currencyInput !== "string") return fail("currencyInvalid");
  const currency = currencyInput.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency) || !isCurrency(currency)) return fail("currencyInvalid");
  return ok({ amount, currency });
}

function parseDate(raw: unknown): ParseResult {
  if (typeof raw !== "string" || !isCalendarDate(raw.trim())) return fail("dateInvalid");
  return ok(raw.trim());
}

function parseDatetime(raw: unknown): ParseResult {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? fail("datetimeInvalid") : ok(raw.toISOString());
  if (typeof raw !== "string") return fail("datetimeInvalid");
  const text = raw.trim();
  if (!DATETIME.test(text) || !isCalendarDate(text.slice(0, 10))) return fail("datetimeInvalid");
  const [hours, minutes, seconds] = [Number(text.slice(11, 13)), Number(text.slice(14, 16)), Number(text.slice(17, 19) || 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return fail("datetimeInvalid");
  const time = new Date(text);
  return Number.isNaN(time.getTime()) ? fail("datetimeInvalid") : ok(time.toISOString());
}

function parseEmail(raw: unknown): ParseResult {
  if (typeof raw !== "string") return fail("emailInvalid");
  const email = raw.trim();
  if (email.length > 320) return fail("tooLong");
  return emailSchema.safeParse(email).success ? ok(email) : fail("emailInvalid");
}

function parsePhone(raw: unknown): ParseResult {
  if (typeof raw !== "string") return fail("phoneInvalid");
  const phone = raw.trim().replace(/\s+/g, " ");
  const digits = phone.replace(/\D/g, "").length;
  return PHONE.test(phone) && digits >= 6 && digits <= 20 ? ok(phone) : fail("phoneInvalid");
}

function parseUrl(raw: unknown): ParseResult {
  if (typeof raw !== "string") return fail("urlInvalid");
  const text = raw.trim();
  if (text.length > URL_MAX) return fail("tooLong");
  try {
    const url = new URL(text);
    const isWeb = url.protocol === "http:" || url.protocol === "https:";
    return isWeb && url.hostname !== "" && /^https?:\/\//i.test(text) && !/\s/.test(text) ? ok(text) : fail("urlInvalid");
  } catch {
    return fail("urlInvalid");
  }
}

function parseSingleSelect(raw: unknown, options: readonly { key: string }[]): ParseResult {
  if (typeof raw !== "string") return fail("optionInvalid");
  const key = raw.trim();
  return options.some((o) => o.key === key) ? ok(key) : fail("optionInvalid");
}

function parseMultiSelect(raw: unknown, options: readonly { key: string }[]): ParseResult {
  if (!Array.isArray(raw) || raw.some((k) => typeof k !== "string")) return fail("optionInvalid");
  const keys = (raw as string[]).map((k) => k.trim());
  if (keys.some((k) => !options.some((o) => o.key === k))) return fail("optionInvalid");
  if (new Set(keys).size !== keys.length) return fail("optionsDuplicate");
  return ok(keys);
}

function parseCheckbox(raw: unknown): ParseResult {
  if (typeof raw === "boolean") return ok(raw);
  if (raw === "true" || raw === "on") return ok(true);
  if (raw === "false") return ok(false);
  return fail("checkboxInvalid");
}

function parseUser(raw: unknown): ParseResult {
  if (typeof raw !== "string" || !UUID.test(raw.trim())) return fail("userInvalid");
  return ok(raw.trim().toLowerCase());
}

/**
 * Validates and normalises a value for a field, the same way for forms, imports, the API and
 * automations. Empty input (null, "", whitespace, []) is null, or "required" for a required field;
 * `false` is an answer for a checkbox, not an empty value.
 */
export function parseFieldValue(field: FieldDefinition, raw: unknown): ParseResult {
  const parsed = isEmpty(raw) ? ok(null) : parseNonEmpty(field, raw);
  if (parsed.ok && parsed.value === null && field.isRequired) return fail("required");
  return parsed;
}

function parseNonEmpty(field: FieldDefinition, raw: unknown): ParseResult {
  const options = field.options ?? [];
  switch (field.type) {
    case "text":
      return parseText(raw, TEXT_MAX);
    case "long_text":
      return parseText(raw, LONG_TEXT_MAX);
    case "number":
      return parseNumber(raw);
    case "money":
      return parseMoney(raw, field.settings);
    case "date":
      return parseDate(raw);
    case "datetime":
      return parseDatetime(raw);
    case "email":
      return parseEmail(raw);
    case "phone":
      return parsePhone(raw);
    case "url":
      return parseUrl(raw);
    case "single_select":
      return parseSingleSelect(raw, options);
    case "multi_select":
      return parseMultiSelect(raw, options);
    case "checkbox":
      return parseCheckbox(raw);
    case "user":
      return parseUser(raw);
  }
}
