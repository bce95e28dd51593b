import type { z } from "zod";
import { issuePath } from "./form-data";

/**
 * What every server action answers. Messages are catalog keys (`errors.*`, `validation.*`);
 * `params` fill the message's placeholders (e.g. `{count}` datasheets).
 */
export type ActionResult<T = null> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message?: string; fieldErrors?: Record<string, string>; params?: Record<string, string | number> };

/** The first message for each field, keyed as the form names the input (`business.name`, `contacts.0.email`). */
export function toFieldErrors(error: z.ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[issuePath(issue.path)] ??= issue.message;
  return fieldErrors;
}

/** A server action as forms and click handlers call it (React's `useActionState` shape). */
export type ServerAction<T> = (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;
