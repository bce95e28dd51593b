"use client";
import { ArchiveRestore } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useRunAction } from "@/components/forms/use-run-action";
import { restoreAutomationAction } from "../actions";

/** One click brings an automation back from the trash, switched off. */
export function RestoreButton({ automationId, name }: { automationId: string; name: string }) {
  const t = useTranslations("automations");
  const { run, isPending, error } = useRunAction();
  return (
    <>
      {error ? (
        <span role="alert" className="text-xs text-danger">
          {error}
        </span>
      ) : null}
      <Button
        variant="outline"
        size="sm"
        disabled={isPending}
        aria-label={t("restoreNamed", { name })}
        onClick={() => run(restoreAutomationAction, { automationId })}
      >
        <ArchiveRestore aria-hidden="true" />
        {t("restore")}
      </Button>
    </>
  );
}
