import { z } from "zod";

/*
 * The pieces every input schema is built from. Schemas describe the data as JSON — what the REST
 * API accepts and an import row holds — and a form reaches them through the one FormData adapter
 * (lib/actions/form-data.ts). Ids are only trimmed: the services answer "not found" for anything
 * that is not an id the actor may see. Messages are catalog keys under `validation.`.
 */

export const formId = z.string("required").trim().max(100);

/** Absent, null or empty: none (nobody, no choice). */
export const optionalFormId = z
  .string()
  .trim()
  .max(100)
  .nullish()
  .transform((v) => (v ? v : null));

/** The version of the row the change was made on, for "changed meanwhile" checks. Required. */
export const formVersion = z.number("required").int("required").min(1, "required");

/** An instant with its offset (`2026-03-01T09:30:00+01:00` or `…Z`); the form turns local time into one. */
export const instant = z
  .string("required")
  .trim()
  .min(1, "required")
  .refine((v) => !Number.isNaN(Date.parse(v)) && /T\d{2}:\d{2}/.test(v), "datetimeInvalid")
  .transform((v) => new Date(v));

/** As `instant`, or absent (null): "now" to the service. */
export const optionalInstant = z
  .string()
  .trim()
  .nullish()
  .refine((v) => !v || (!Number.isNaN(Date.parse(v)) && /T\d{2}:\d{2}/.test(v)), "datetimeInvalid")
  .transform((v) => (v ? new Date(v) : null));
