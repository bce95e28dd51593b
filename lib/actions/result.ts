import type { z } from "zod";

/**
 * What every server action answers. Messages are catalog keys (`errors.*`, `validation.*`);
 * `params` fill the message's placeholders (e.g. `{count}` datasheets).
 */
export type ActionResult<T = null> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message?: string; fieldErrors?: Record<string, string>; params?: Record<string, string | number> };

export type FormValues = Record<string, string | File>;

export function formDataToObject(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith("$ACTION")) values[key] = value;
  }
  return values;
}

/** The first message for each top-level field. */
export function toFieldErrors(error: z.ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "_form");
    fieldErrors[key] ??= issue.message;
  }
  return fieldErrors;
}
