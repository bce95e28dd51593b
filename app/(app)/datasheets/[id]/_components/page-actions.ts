"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";

export type ServerAction<T> = (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;
export type ActionValues = Record<string, string | number | null | undefined>;

/** "Changed by … meanwhile" from any of the page's services (and the assignment ones). */
export function isConflict(result: ActionResult<unknown>): boolean {
  return !result.ok && /^errors\.(changedMeanwhile|datasheetChanged)/.test(result.message ?? "");
}

function toFormData(values: ActionValues): FormData {
  const formData = new FormData();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null) formData.set(key, String(value));
  }
  return formData;
}

/** The one translated message of a failed answer: its first field error, or its message with params. */
export function useMessageOf() {
  const t = useTranslations();
  return useCallback(
    (result: Extract<ActionResult<unknown>, { ok: false }>): string => {
      const firstFieldError = result.fieldErrors ? Object.values(result.fieldErrors)[0] : undefined;
      if (firstFieldError && (!result.message || result.message === "errors.invalid")) return t(`validation.${firstFieldError}`);
      return t(result.message ?? "common.errorText", result.params);
    },
    [t],
  );
}

/**
 * Wraps a server action for the page: after a conflict the page fetches the current values (the
 * message says so), so the user sees what changed before trying again.
 */
export function useRefreshingAction<T>(action: ServerAction<T>, onOk?: (data: T) => void): ServerAction<T> {
  const router = useRouter();
  return useCallback(
    async (previous: ActionResult<T> | null, formData: FormData) => {
      const result = await action(previous, formData);
      if (result.ok) onOk?.(result.data);
      else if (isConflict(result)) router.refresh();
      return result;
    },
    [action, onOk, router],
  );
}

/** Runs an action from a click (not a form): one error message for the section's alert. */
export function usePageAction() {
  const messageOf = useMessageOf();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const run = useCallback(
    <T,>(action: ServerAction<T>, values: ActionValues, onOk?: (data: T) => void) => {
      startTransition(async () => {
        const result = await action(null, toFormData(values));
        if (result.ok) {
          setError(null);
          onOk?.(result.data);
        } else {
          setError(messageOf(result));
          if (isConflict(result)) router.refresh();
        }
      });
    },
    [messageOf, router],
  );
  return { run, error, setError, isPending };
}
