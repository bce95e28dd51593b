import { z } from "zod";
import { formId, optionalFormId } from "@/lib/forms/schema-parts";

// Inputs of the status and responsible actions, shared by the datasheet page, the list's bulk bar
// and the board. They arrive as FormData, so every value is a string; ids are only trimmed: the
// services answer "not found" for anything that is not an id the actor may see.
const id = formId;

/** Absent or empty: no conflict check (last write wins). */
const version = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) {
      ctx.addIssue({ code: "custom", message: "versionInvalid" });
      return z.NEVER;
    }
    return n;
  });

/** Empty: nobody. */
const responsible = optionalFormId;

/** The most rows one bulk change takes: a page of the list, or a few. */
export const maxBulkDatasheets = 1000;

/** Comma-separated ids (FormData keeps one value per name). */
const idList = z
  .string()
  .trim()
  .transform((v) => [...new Set(v.split(",").map((s) => s.trim()).filter(Boolean))])
  .refine((ids) => ids.length > 0, "selectionEmpty")
  .refine((ids) => ids.length <= maxBulkDatasheets, "selectionTooLarge");

export const changeStatusSchema = z.object({ datasheetId: id, statusId: id, version });
export type ChangeStatusInput = z.infer<typeof changeStatusSchema>;

export const changeResponsibleSchema = z.object({ datasheetId: id, userId: responsible, version });
export type ChangeResponsibleInput = z.infer<typeof changeResponsibleSchema>;

export const bulkChangeStatusSchema = z.object({ datasheetIds: idList, statusId: id });
export type BulkChangeStatusInput = z.infer<typeof bulkChangeStatusSchema>;

export const bulkChangeResponsibleSchema = z.object({ datasheetIds: idList, userId: responsible });
export type BulkChangeResponsibleInput = z.infer<typeof bulkChangeResponsibleSchema>;
