"use client";
import { useTranslations } from "next-intl";
import { useCallback, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";

type ServerAction<T> = (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;
export type ActionValues = Record<string, string | boolean | undefined | null>;

export function toFormData(values: ActionValues): FormData {
  const formData = new FormData();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === false) continue;
    formData.set(key, value === true ? "true" : value);
  }
  return formData;
}

/**
 * Runs an action from a click or a drop (not a form) — a settings editor, the list, the board: the
 * answer's error becomes one translated message for the caller's alert, and the caller may undo
 * its optimistic change.
 */
export function useRunAction() {
  const t = useTranslations();
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  const messageOf = useCallback(
    (result: Extract<ActionResult<unknown>, { ok: false }>): string => {
      const firstFieldError = result.fieldErrors ? Object.values(result.fieldErrors)[0] : undefined;
      if (firstFieldError && (!result.message || result.message === "errors.invalid")) return t(`validation.${firstFieldError}`);
      return t(result.message ?? "common.errorText", result.params);
    },
    [t],
  );

  const run = useCallback(
    <T>(
      action: ServerAction<T>,
      values: ActionValues,
      options: { onOk?: (data: T) => void; onError?: (result: Extract<ActionResult<T>, { ok: false }>) => void } = {},
    ) => {
      startTransition(async () => {
        try {
          const result = await action(null, toFormData(values));
          if (result.ok) {
            setError(null);
            options.onOk?.(result.data);
          } else {
            setError(messageOf(result));
            options.onError?.(result);
          }
        } catch {
          // A network failure or an action id from an older deploy: say so instead of crashing.
          setError(t("common.actionFailed"));
          options.onError?.({ ok: false });
        }
      });
    },
    [messageOf, t],
  );

  return { error, setError, run, isPending, messageOf };
}
