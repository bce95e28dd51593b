"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useRunAction } from "@/components/forms/use-run-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { deleteDatasheetForeverAction, restoreDatasheetAction } from "../actions";
import { useOnRestored } from "./restored-notices";

/** Restore, and for admins Delete forever (after a confirmation), of one trashed datasheet. */
export function TrashActions({ datasheetId, name, canDeleteForever }: { datasheetId: string; name: string; canDeleteForever: boolean }) {
  const t = useTranslations("trash");
  const { run, error, setError, isPending } = useRunAction();
  const onRestored = useOnRestored();
  const [isOpen, setOpen] = useState(false);

  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-2">
      {error && !isOpen ? (
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
        <Dialog
          open={isOpen}
          onOpenChange={(open) => {
            setError(null);
            setOpen(open);
          }}
        >
          <DialogTrigger asChild>
            <Button variant="outline" size="sm" aria-label={t("deleteForeverLabel", { name })}>
              {t("deleteForever")}
            </Button>
          </DialogTrigger>
          <DialogContent closeLabel={t("cancel")}>
            <DialogHeader>
              <DialogTitle>{t("deleteForeverTitle", { name })}</DialogTitle>
              <DialogDescription>{t("deleteForeverText")}</DialogDescription>
            </DialogHeader>
            {error ? (
              <Alert variant="error" role="alert">
                {error}
              </Alert>
            ) : null}
            <DialogActions
              cancelLabel={t("cancel")}
              onCancel={() => setOpen(false)}
              actionLabel={t("deleteForever")}
              onAction={() => run(deleteDatasheetForeverAction, { datasheetId }, { onOk: () => setOpen(false) })}
              disabled={isPending}
              variant="danger"
            />
          </DialogContent>
        </Dialog>
      ) : null}
    </span>
  );
}
