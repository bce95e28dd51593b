"use client";
import { useActionState, useCallback, useTransition, type FormEvent } from "react";
import type { z } from "zod";
import { formDataToObject, toFieldErrors, type ActionResult } from "@/lib/actions/result";

type ServerAction<T> = (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

/**
 * Runs a form through the same zod schema the server uses before sending it, then through the
 * server action. Submitting through onSubmit (not the form's action) keeps what the user typed
 * when the server answers with an error: React resets uncontrolled inputs after a form action.
 */
export function useFormAction<T>(schema: z.ZodType, action: ServerAction<T>) {
  const [state, dispatch, isPending] = useActionState(async (previous: ActionResult<T> | null, formData: FormData) => {
    const parsed = schema.safeParse(formDataToObject(formData));
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
