"use client";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { isConflict, useRunAction, type ActionValues } from "@/components/forms/use-run-action";
import type { ActionResult, ServerAction } from "@/lib/actions/result";

export type { ServerAction };

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

/** Runs an action from a click (not a form): one error message for the section's alert; a conflict reloads the page's data. */
export function usePageAction() {
  const router = useRouter();
  const { run: runAction, error, setError, isPending } = useRunAction();
  const run = useCallback(
    <T,>(action: ServerAction<T>, values: ActionValues, onOk?: (data: T) => void) => {
      runAction(action, values, {
        onOk,
        onError: (result) => {
          if (isConflict(result)) router.refresh();
        },
      });
    },
    [runAction, router],
  );
  return { run, error, setError, isPending };
}
