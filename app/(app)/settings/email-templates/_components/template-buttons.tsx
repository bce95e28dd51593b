"use client";
import { Trash2, Undo2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { ConfirmActionButton } from "@/components/forms/confirm-action-button";
import { useRunAction } from "@/components/forms/use-run-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { restoreEmailTemplateAction, trashEmailTemplateAction } from "../actions";

/** Delete, after a confirmation: the template goes to the trash, from where it can be restored. */
export function TrashTemplateButton({ templateId, name, onDone }: { templateId: string; name: string; onDone?: () => void }) {
  const t = useTranslations("emailTemplateSettings");
  return (
    <ConfirmActionButton
      action={trashEmailTemplateAction}
      values={{ templateId }}
      onDone={onDone}
      errorTestId="template-delete-error"
      text={{
        trigger: (
          <>
            <Trash2 aria-hidden="true" />
            <span className="hidden sm:inline">{t("delete")}</span>
          </>
        ),
        triggerLabel: t("deleteLabel", { name }),
        title: t("deleteTitle", { name }),
        text: t("deleteText"),
        keep: t("cancel"),
        confirm: t("deleteButton"),
        close: t("close"),
      }}
    />
  );
}

/** Back from the trash with one click. */
export function RestoreTemplateButton({ templateId, name }: { templateId: string; name: string }) {
  const t = useTranslations("emailTemplateSettings");
  const { run, error, isPending } = useRunAction();
  return (
    <span className="flex shrink-0 flex-col items-end gap-1">
      <Button
        variant="outline"
        size="sm"
        disabled={isPending}
        aria-label={t("restoreLabel", { name })}
        onClick={() => run(restoreEmailTemplateAction, { templateId })}
      >
        <Undo2 aria-hidden="true" />
        {t("restore")}
      </Button>
      {error ? (
        <Alert variant="error" role="alert">
          {error}
        </Alert>
      ) : null}
    </span>
  );
}
