"use client";
import { useTranslations } from "next-intl";
import { useCallback, useState, useTransition } from "react";
import { inputToFormData } from "@/lib/actions/to-form-data";
import type { ActionResult, ServerAction } from "@/lib/actions/result";

/** What a click sends: the object the action's schema describes (nested objects and arrays too). */
export type ActionValues = Record<string, unknown>;

export const toFormData = inputToFormData;

type Failure<T = unknown> = Extract<ActionResult<T>, { ok: false }>;

/** The one translated message of a failed answer: its first field error, or its message with params. */
export function useMessageOf() {
  const t = useTranslations();
  return useCallback(
    (result: Failure): string => {
      const firstFieldError = result.fieldErrors ? Object.values(result.fieldErrors)[0] : undefined;
      if (firstFieldError && (!result.message || result.message === "errors.invalid")) return t(`validation.${firstFieldError}`);
      return t(result.message ?? "common.errorText", result.params);
    },
    [t],
  );
}

/** "Changed by … meanwhile": the one stale-version answer of every service. */
export function isConflict(result: ActionResult<unknown>): boolean {
  return !result.ok && result.message === "errors.changedMeanwhile";
}

/**
 * Runs an action from a click or a drop (not a form) — a settings editor, the list, the board, the
 * datasheet page: the answer's error becomes one translated message for the caller's alert, and the
 * caller may undo its optimistic change.
 */
export function useRunAction() {
  const t = useTranslations();
  const messageOf = useMessageOf();
  const [error, setError] = useState<string | null>(null);
  // How many runs have succeeded: an editor that saves on every click confirms each one quietly.
  const [saved, setSaved] = useState(0);
  const [isPending, startTransition] = useTransition();

  const run = useCallback(
    <T>(action: ServerAction<T>, values: ActionValues, options: { onOk?: (data: T) => void; onError?: (result: Failure<T>) => void } = {}) => {
      startTransition(async () => {
        try {
          const result = await action(null, inputToFormData(values));
          if (result.ok) {
            setError(null);
            setSaved((n) => n + 1);
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

  return { error, setError, run, isPending, messageOf, saved };
}
