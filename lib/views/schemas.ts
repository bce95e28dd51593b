import { z } from "zod";
import { formId } from "@/lib/forms/schema-parts";

// Inputs of the view actions, shared with the forms (FormData: every value a string). The filter
// travels as the list's URL query string, parsed by ./url.ts, so a view saves exactly what the
// list shows.
const id = formId;
const name = z.string().trim().min(1, "required").max(100, "tooLong");
const flag = z
  .enum(["true", "false", "on", ""])
  .optional()
  .transform((v) => v === "true" || v === "on");

export const createViewSchema = z.object({ moduleId: id, name, isShared: flag, query: z.string().max(4000).default("") });
export type CreateViewInput = z.infer<typeof createViewSchema>;

export const renameViewSchema = z.object({ viewId: id, name });
export const viewIdSchema = z.object({ viewId: id });
