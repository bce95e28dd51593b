"use client";
import { useActionState, useCallback, useTransition, type FormEvent } from "react";
import type { z } from "zod";
import { formDataToInput } from "@/lib/actions/form-data";
import { toFieldErrors, type ActionResult, type ServerAction } from "@/lib/actions/result";


/**
 * The form's schema, or a function that loads it: a page whose forms are not its first purpose
 * (the datasheet's todo, log, contact and invoice forms) loads zod with the first submit instead of
 * with the page.
 */
export type SchemaSource = z.ZodType | (() => Promise<z.ZodType>);

/**
 * Runs a form through the same zod schema the server uses before sending it, then through the
 * server action. Submitting through onSubmit (not the form's action) keeps what the user typed
 * when the server answers with an error: React resets uncontrolled inputs after a form action.
 */
export function useFormAction<T>(schema: SchemaSource, action: ServerAction<T>) {
  const [state, dispatch, isPending] = useActionState(async (previous: ActionResult<T> | null, formData: FormData) => {
    let resolved: z.ZodType;
    try {
      resolved = typeof schema === "function" ? await schema() : schema;
    } catch {
      // The schema could not be downloaded (the connection dropped): nothing was sent.
      return { ok: false, message: "common.actionFailed" } satisfies ActionResult<T>;
    }
    const parsed = resolved.safeParse(formDataToInput(formData, resolved));
    if (!parsed.success) {
      return { ok: false, message: "errors.invalid", fieldErrors: toFieldErrors(parsed.error) } satisfies ActionResult<T>;
    }
    return action(previous, formData);
  }, null);
  const [isTransitioning, startTransition] = useTransition();
  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
      startTransition(() => dispatch(formData));
    },
    [dispatch],
  );
  return { state, onSubmit, isPending: isPending || isTransitioning };
}
