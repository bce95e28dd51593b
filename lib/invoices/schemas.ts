import { z } from "zod";
import { formId } from "@/lib/forms/schema-parts";
import { canonicalAmount, isCalendarDate, isCurrency } from "@/lib/fields/values";

const id = formId;
const date = z.string("required").trim().refine(isCalendarDate, "dateInvalid");
const optionalDate = z
  .string()
  .trim()
  .nullish()
  .refine((v) => !v || isCalendarDate(v), "dateInvalid")
  .transform((v) => (v ? v : null));

/** "1234.50", "1 234,50" (as typed in Hungarian) or a JSON number: the canonical amount. */
const amount = z
  .union([z.string(), z.number()], "required")
  .transform((v) => (typeof v === "number" ? String(v) : v.trim().replace(/\s/g, "").replace(",", ".")))
  .refine((v) => v !== "", "required")
  .refine((v) => canonicalAmount(v) !== null, "moneyInvalid")
  .transform((v) => canonicalAmount(v)!);

/** An invoice is not due before it is issued (calendar days, `YYYY-MM-DD`, compare as text). */
export function isDueOnOrAfterIssue(issuedOn: string, dueOn: string | null): boolean {
  return !dueOn || dueOn >= issuedOn;
}

export const addInvoiceSchema = z
  .object({
    datasheetId: id,
    number: z.string("required").trim().min(1, "required").max(50, "tooLong"),
    amount,
    /** ISO 4217; null when empty: the workspace's default currency (Settings → Workspace). */
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .nullish()
      .refine((v) => !v || isCurrency(v), "currencyInvalid")
      .transform((v) => v || null),
    issuedOn: date,
    dueOn: optionalDate,
  })
  .refine((v) => isDueOnOrAfterIssue(v.issuedOn, v.dueOn), { message: "dueBeforeIssue", path: ["dueOn"] });
export type AddInvoiceInput = z.output<typeof addInvoiceSchema>;

/** The day it was paid; kept as noon UTC, which is that calendar day in every European time zone. */
export const markInvoicePaidSchema = z.object({ invoiceId: id, paidOn: date });
export type MarkInvoicePaidInput = z.output<typeof markInvoicePaidSchema>;
