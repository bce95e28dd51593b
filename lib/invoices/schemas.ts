import { z } from "zod";
import { formId } from "@/lib/forms/schema-parts";
import { canonicalAmount, DEFAULT_CURRENCY, isCalendarDate, isCurrency } from "@/lib/fields/values";

const id = formId;
const date = z.string().trim().refine(isCalendarDate, "dateInvalid");
const optionalDate = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || isCalendarDate(v), "dateInvalid")
  .transform((v) => (v ? v : null));

export const addInvoiceSchema = z
  .object({
    datasheetId: id,
    number: z.string().trim().min(1, "required").max(50, "tooLong"),
    amount: z
      .string()
      .trim()
      .min(1, "required")
      .refine((v) => canonicalAmount(v.replace(/\s/g, "").replace(",", ".")) !== null, "moneyInvalid")
      .transform((v) => canonicalAmount(v.replace(/\s/g, "").replace(",", "."))!),
    /** ISO 4217; HUF when empty. */
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .optional()
      .refine((v) => !v || isCurrency(v), "currencyInvalid")
      .transform((v) => v || DEFAULT_CURRENCY),
    issuedOn: date,
    dueOn: optionalDate,
  })
  .refine((v) => !v.dueOn || v.dueOn >= v.issuedOn, { message: "dueBeforeIssue", path: ["dueOn"] });
export type AddInvoiceInput = z.output<typeof addInvoiceSchema>;

/** The day it was paid; kept as noon UTC, which is that calendar day in every European time zone. */
export const markInvoicePaidSchema = z.object({ invoiceId: id, paidOn: date });
export type MarkInvoicePaidInput = z.output<typeof markInvoicePaidSchema>;
