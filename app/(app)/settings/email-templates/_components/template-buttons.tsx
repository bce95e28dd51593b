"use client";
import { Trash2, Undo2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useRunAction } from "@/components/forms/use-run-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { restoreEmailTemplateAction, trashEmailTemplateAction } from "../actions";

/** Delete, after a confirmation: the template goes to the trash, from where it can be restored. */
export function TrashTemplateButton({ templateId, name, onDone }: { templateId: string; name: string; onDone?: () => void }) {
  const t = useTranslations("emailTemplateSettings");
  const [isOpen, setOpen] = useState(false);
  const { run, error, setError, isPending } = useRunAction();
  return (
    <Dialog
      open={isOpen}
      onOpenChange={(open) => {
        setError(null);
        setOpen(open);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={t("deleteLabel", { name })}>
          <Trash2 aria-hidden="true" />
          <span className="hidden sm:inline">{t("delete")}</span>
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("close")}>
        <DialogHeader>
          <DialogTitle>{t("deleteTitle", { name })}</DialogTitle>
          <DialogDescription>{t("deleteText")}</DialogDescription>
        </DialogHeader>
        {error ? (
          <Alert variant="error" role="alert" data-testid="template-delete-error">
            {error}
          </Alert>
        ) : null}
        <DialogActions
          cancelLabel={t("cancel")}
          onCancel={() => setOpen(false)}
          actionLabel={t("deleteButton")}
          onAction={() =>
            run(
              trashEmailTemplateAction,
              { templateId },
              {
                onOk: () => {
                  setOpen(false);
                  onDone?.();
                },
              },
            )
          }
          disabled={isPending}
          variant="danger"
        />
      </DialogContent>
    </Dialog>
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
