"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useRunAction } from "@/components/forms/use-run-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { cancelNewsletterAction } from "../actions";

/** Stop, after a confirmation: what is not sent yet is not sent. */
export function CancelNewsletterButton({ newsletterId, name }: { newsletterId: string; name: string }) {
  const t = useTranslations("newsletters");
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
        <Button variant="outline" size="sm" aria-label={t("cancelLabel", { name })}>
          {t("cancel")}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("close")}>
        <DialogHeader>
          <DialogTitle>{t("cancelTitle", { name })}</DialogTitle>
          <DialogDescription>{t("cancelText")}</DialogDescription>
        </DialogHeader>
        {error ? (
          <Alert variant="error" role="alert">
            {error}
          </Alert>
        ) : null}
        <DialogActions
          cancelLabel={t("keep")}
          onCancel={() => setOpen(false)}
          actionLabel={t("cancelButton")}
          onAction={() => run(cancelNewsletterAction, { newsletterId }, { onOk: () => setOpen(false) })}
          disabled={isPending}
          variant="danger"
        />
      </DialogContent>
    </Dialog>
  );
}
