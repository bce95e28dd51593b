import { z } from "zod";

/*
 * The pieces every action schema is built from. Inputs arrive as FormData, so every value is a
 * string; ids are only trimmed: the services answer "not found" for anything that is not an id
 * the actor may see. Messages are catalog keys under `validation.`.
 */

export const formId = z.string().trim().max(100);

/** Absent or empty: none (nobody, no choice). */
export const optionalFormId = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((v) => (v ? v : null));

/** The version of the row the form was opened on, for "changed meanwhile" checks. */
export const formVersion = z.coerce.number().int("required").min(1, "required");
