"use client";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/result";

/** An action's or the upload's refusal in words: its message, or the first field's. */
export function useImportMessage() {
  const t = useTranslations();
  return (result: Pick<Extract<ActionResult, { ok: false }>, "message" | "params" | "fieldErrors">): string => {
    const field = Object.values(result.fieldErrors ?? {})[0];
    if (field && t.has(`validation.${field}`)) return t(`validation.${field}`);
    const key = result.message ?? "errors.invalid";
    return t.has(key) ? t(key, result.params ?? {}) : t("errors.invalid");
  };
}
