import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { requireUser, type CurrentUser } from "@/lib/auth/actor";
import { DomainError, ValidationError } from "@/lib/errors";
import { notifyOutbox } from "@/lib/jobs/outbox";
import { formDataToInput } from "./form-data";
import { toFieldErrors, type ActionResult } from "./result";

export function toActionError(error: unknown): ActionResult<never> {
  if (error instanceof ValidationError) return { ok: false, message: "errors.invalid", fieldErrors: error.fieldErrors };
  if (error instanceof DomainError) {
    const hasParams = Object.keys(error.params).length > 0;
    return { ok: false, message: `errors.${error.code}`, ...(hasParams ? { params: error.params } : {}) };
  }
  throw error;
}

type Handler<S extends z.ZodType, T> = (input: z.output<S>, user: CurrentUser, db: Db) => Promise<T>;

/** Parses the input, runs the handler as the session's user, and turns user mistakes into an ActionResult. */
async function runAction<S extends z.ZodType, T>(schema: S, input: unknown, handler: Handler<S, T>): Promise<ActionResult<T>> {
  const user = await requireUser();
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "errors.invalid", fieldErrors: toFieldErrors(parsed.error) };
  try {
    const data = await handler(parsed.data, user, await getDb());
    // Whatever the service recorded in the outbox has committed: hand it on now, not at the next poll.
    notifyOutbox();
    return { ok: true, data };
  } catch (error) {
    unstable_rethrow(error);
    return toActionError(error);
  }
}

/**
 * The one wrapper for server actions: who is acting comes from the session (never from the form),
 * the input is parsed with the same zod schema the form uses, and user mistakes come back as an
 * ActionResult rather than an exception. Each service still authorises on its own; the handler
 * hands it the database to run in (a service opens its own transaction there).
 */
export function authedAction<S extends z.ZodType, T>(schema: S, handler: Handler<S, T>) {
  // The one FormData → object adapter: the schema describes the data as JSON (the API's shape).
  return async (_previous: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>> =>
    runAction(schema, formDataToInput(formData, schema), handler);
}

/**
 * The same wrapper for actions a client component calls with a value rather than a form (a
 * wizard's state: arrays whose empty entries matter, nested choices): the value is parsed by the
 * schema as it is; anything but what the schema describes is refused as invalid input.
 */
export function authedJsonAction<S extends z.ZodType, T>(schema: S, handler: Handler<S, T>) {
  return async (input: unknown): Promise<ActionResult<T>> => runAction(schema, input, handler);
}
