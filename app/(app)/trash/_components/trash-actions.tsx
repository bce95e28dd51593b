"use client";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { useRunAction } from "@/components/forms/use-run-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { deleteDatasheetForeverAction, restoreDatasheetAction } from "../actions";

/** Restore, and for admins Delete forever (after a confirmation), of one trashed datasheet. */
export function TrashActions({ datasheetId, name, canDeleteForever }: { datasheetId: string; name: string; canDeleteForever: boolean }) {
  const t = useTranslations("trash");
  const { run, error, setError, isPending } = useRunAction();
  const [restored, setRestored] = useState(false);
  const [isOpen, setOpen] = useState(false);

  if (restored) {
    return (
      <span className="inline-flex flex-wrap items-center justify-end gap-2" role="status">
        <span className="text-sm">{t("restored", { name })}</span>
        <Button variant="outline" size="sm" asChild>
          <Link href={`/datasheets/${datasheetId}`}>{t("open")}</Link>
        </Button>
      </span>
    );
  }
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
        onClick={() => run(restoreDatasheetAction, { datasheetId }, { onOk: () => setRestored(true) })}
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
