import "server-only";
import { z } from "zod";
import type { Invoice } from "@/db/schema";
import { addInvoice, markInvoicePaid } from "@/lib/invoices/mutations";
import { getInvoice } from "@/lib/invoices/queries";
import { addInvoiceSchema, isDueOnOrAfterIssue, markInvoicePaidSchema } from "@/lib/invoices/schemas";
import { defineEndpoint } from "../http";
import { apiMoney, apiTime, idParams, isoTime, isoTimeOrNull } from "./common";

export const apiInvoiceSchema = z.object({
  id: z.uuid(),
  datasheetId: z.uuid(),
  number: z.string(),
  amount: apiMoney,
  issuedAt: z.iso.date().describe("The day it was issued."),
  dueAt: z.iso.date().nullable().describe("The day it is due."),
  paidAt: apiTime.nullable().describe("Kept as its calendar day: noon UTC of the day it was paid."),
  createdAt: apiTime,
});

function apiInvoice(invoice: Invoice): z.output<typeof apiInvoiceSchema> {
  return {
    id: invoice.id,
    datasheetId: invoice.datasheetId,
    number: invoice.number,
    amount: { amount: invoice.amount, currency: invoice.currency },
    issuedAt: invoice.issuedOn,
    dueAt: invoice.dueOn,
    paidAt: isoTimeOrNull(invoice.paidAt),
    createdAt: isoTime(invoice.createdAt),
  };
}

/**
 * Invoices are kept by the calendar day. The API takes the day (`2026-03-05`) or a time, whose date
 * as written in its own offset is the day (`2026-03-05T23:30:00-05:00` is the 5th); the services'
 * date schemas decide what is valid.
 */
const dayOf = (value: string) => (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)) ? value.slice(0, 10) : value);
const day = (date: typeof markInvoicePaidSchema.shape.paidOn, description: string) =>
  z.string("required").trim().transform(dayOf).pipe(date).describe(description);

const { number, amount, currency, issuedOn, dueOn } = addInvoiceSchema.shape;

const addInvoiceBody = z
  .strictObject({
    number: number.describe("Unique in the workspace."),
    amount: amount.describe('"1234.50" or a JSON number; at most two decimals.'),
    currency: currency.describe("ISO 4217; the workspace's default currency (Settings → Workspace, HUF unless changed) when absent."),
    issuedAt: day(issuedOn, "The day it was issued: `2026-03-05`, or a time whose date is that day."),
    dueAt: z
      .string()
      .trim()
      .nullish()
      .transform((v) => (v ? dayOf(v) : v))
      .pipe(dueOn)
      .describe("The day it is due (not before the issue); absent: none."),
  })
  .refine((v) => isDueOnOrAfterIssue(v.issuedAt, v.dueAt), { message: "dueBeforeIssue", path: ["dueAt"] });

/** `POST /api/v1/datasheets/{id}/invoices`: an invoice's facts on a datasheet (they drive customer statuses). */
export const addInvoiceEndpoint = defineEndpoint({
  method: "POST",
  path: "/datasheets/{id}/invoices",
  tag: "Invoices",
  summary: "Add an invoice to a datasheet",
  description: "An unpaid invoice as a fact of the datasheet; mark it paid with `PATCH /invoices/{id}`. A number already used in the workspace is a 400.",
  params: idParams,
  body: addInvoiceBody,
  response: { status: 201, schema: apiInvoiceSchema, description: "The invoice." },
  example: `curl -s -X POST "$CRM_URL/api/v1/datasheets/$DATASHEET_ID/invoices" -H "Authorization: Bearer $CRM_KEY" \\
  -H "Content-Type: application/json" -d '{"number": "2026-0042", "amount": "1250000.00", "currency": "HUF", "issuedAt": "2026-03-05", "dueAt": "2026-03-13"}'`,
  handler: async ({ caller, db, params, body }) => {
    const { issuedAt, dueAt, ...rest } = body;
    const { id } = await addInvoice(db, caller, { datasheetId: params.id, ...rest, issuedOn: issuedAt, dueOn: dueAt });
    return apiInvoice(await getInvoice(db, caller, id));
  },
});

/** `PATCH /api/v1/invoices/{id}`: paid. */
export const markInvoicePaidEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/invoices/{id}",
  tag: "Invoices",
  summary: "Mark an invoice paid",
  description:
    "In the automatic sales module the first paid invoice of a sale in progress closes it won (a module setting, on by default) and the status follows the customer rules (SPEC §3.1 rule 1). An invoice already paid is a 400.",
  params: idParams,
  body: z.strictObject({ paidAt: day(markInvoicePaidSchema.shape.paidOn, "The day it was paid: `2026-03-10`, or a time whose date is that day.") }),
  response: { status: 200, schema: apiInvoiceSchema, description: "The invoice." },
  example: `curl -s -X PATCH "$CRM_URL/api/v1/invoices/$INVOICE_ID" -H "Authorization: Bearer $CRM_KEY" \\
  -H "Content-Type: application/json" -d '{"paidAt": "2026-03-10"}'`,
  handler: async ({ caller, db, params, body }) => {
    await markInvoicePaid(db, caller, { invoiceId: params.id, paidOn: body.paidAt });
    return apiInvoice(await getInvoice(db, caller, params.id));
  },
});
