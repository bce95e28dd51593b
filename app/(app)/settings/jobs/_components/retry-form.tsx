"use client";
import { RotateCcw } from "lucide-react";
import { useTranslations } from "next-intl";
import { FormStatus } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { retryJobRunSchema } from "@/lib/jobs/schemas";
import { retryJobRunAction } from "../actions";

export function RetryForm({ runId, jobName }: { runId: string; jobName: string }) {
  const t = useTranslations("jobs");
  const { state, onSubmit, isPending } = useFormAction(retryJobRunSchema, retryJobRunAction);
  return (
    <form onSubmit={onSubmit} className="flex flex-col items-end gap-2">
      <FormStatus state={state} success={t("retried")} />
      <input type="hidden" name="runId" value={runId} />
      {state?.ok ? null : (
        <Button type="submit" variant="outline" size="sm" disabled={isPending} aria-label={t("retryLabel", { job: jobName })}>
          <RotateCcw aria-hidden="true" />
          {t("retry")}
        </Button>
      )}
    </form>
  );
}
