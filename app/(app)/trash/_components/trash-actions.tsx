"use client";
import { useTranslations } from "next-intl";
import { ConfirmActionButton } from "@/components/forms/confirm-action-button";
import { useRunAction } from "@/components/forms/use-run-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { deleteDatasheetForeverAction, restoreDatasheetAction } from "../actions";
import { useOnRestored } from "./restored-notices";

/** Restore, and for admins Delete forever (after a confirmation), of one trashed datasheet. */
export function TrashActions({ datasheetId, name, canDeleteForever }: { datasheetId: string; name: string; canDeleteForever: boolean }) {
  const t = useTranslations("trash");
  const { run, error, isPending } = useRunAction();
  const onRestored = useOnRestored();

  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-2">
      {error ? (
        <Alert variant="error" role="alert" className="w-full text-left" data-testid="trash-error">
          {error}
        </Alert>
      ) : null}
      <Button
        variant="outline"
        size="sm"
        aria-label={t("restoreLabel", { name })}
        disabled={isPending}
        onClick={() => run(restoreDatasheetAction, { datasheetId }, { onOk: () => onRestored({ id: datasheetId, name }) })}
      >
        {t("restore")}
      </Button>
      {canDeleteForever ? (
        <ConfirmActionButton
          action={deleteDatasheetForeverAction}
          values={{ datasheetId }}
          text={{
            trigger: t("deleteForever"),
            triggerLabel: t("deleteForeverLabel", { name }),
            title: t("deleteForeverTitle", { name }),
            text: t("deleteForeverText"),
            keep: t("cancel"),
            confirm: t("deleteForever"),
            close: t("cancel"),
          }}
        />
      ) : null}
    </span>
  );
}
