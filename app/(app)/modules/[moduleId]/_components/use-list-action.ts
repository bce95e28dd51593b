"use client";
import { useTranslations } from "next-intl";
import { useCallback, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";

type ServerAction<T> = (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;
type Failure<T> = Extract<ActionResult<T>, { ok: false }>;

/**
 * Runs a list action from a click or a drop (not a form): its error becomes one translated
 * message, and the caller may undo what it showed optimistically.
 */
export function useListAction() {
  const t = useTranslations();
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  const messageOf = useCallback(
    (result: Failure<unknown>): string => {
      const firstFieldError = result.fieldErrors ? Object.values(result.fieldErrors)[0] : undefined;
      if (firstFieldError && (!result.message || result.message === "errors.invalid")) return t(`validation.${firstFieldError}`);
      return t(result.message ?? "common.errorText", result.params);
    },
    [t],
  );

  const run = useCallback(
    <T>(
      action: ServerAction<T>,
      values: Record<string, string | null | undefined>,
      options: { onOk?: (data: T) => void; onError?: (result: Failure<T>) => void } = {},
    ) => {
      const formData = new FormData();
      for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null) formData.set(key, value);
      startTransition(async () => {
        try {
          const result = await action(null, formData);
          if (result.ok) {
            setError(null);
            options.onOk?.(result.data);
          } else {
            setError(messageOf(result));
            options.onError?.(result);
          }
        } catch {
          // A network failure or an action id from an older deploy: say so instead of crashing.
          setError(t("clientList.actionFailed"));
          options.onError?.({ ok: false });
        }
      });
    },
    [messageOf, t],
  );

  return { error, setError, run, isPending };
}
