import { z } from "zod";
import { formId, formVersion, optionalFormId } from "@/lib/forms/schema-parts";

// Inputs of the status and responsible changes, shared by the datasheet page, the list's bulk bar,
// the board and the API. Every change names the version it was made on: a stale one is refused
// ("changed meanwhile"), never silently overwritten.

/** The most rows one bulk change takes: a page of the list, or a few. */
export const maxBulkDatasheets = 1000;

export const changeStatusSchema = z.object({ datasheetId: formId, statusId: formId, version: formVersion });
export type ChangeStatusInput = z.output<typeof changeStatusSchema>;

/** Null: nobody. */
export const changeResponsibleSchema = z.object({ datasheetId: formId, userId: optionalFormId, version: formVersion });
export type ChangeResponsibleInput = z.output<typeof changeResponsibleSchema>;

/** The selected rows, each with the version the list showed. */
const selection = z
  .array(z.object({ id: formId, version: formVersion }))
  .min(1, "selectionEmpty")
  .max(maxBulkDatasheets, "selectionTooLarge")
  .refine((rows) => new Set(rows.map((r) => r.id)).size === rows.length, "selectionDuplicate");

export const bulkChangeStatusSchema = z.object({ datasheets: selection, statusId: formId });
export type BulkChangeStatusInput = z.output<typeof bulkChangeStatusSchema>;

export const bulkChangeResponsibleSchema = z.object({ datasheets: selection, userId: optionalFormId });
export type BulkChangeResponsibleInput = z.output<typeof bulkChangeResponsibleSchema>;
