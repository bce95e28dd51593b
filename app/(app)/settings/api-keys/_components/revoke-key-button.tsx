"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useRunAction } from "@/components/forms/use-run-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { revokeApiKeyAction } from "../actions";

/** Revoke, after a confirmation: the key stops working at once and for good. */
export function RevokeKeyButton({ keyId, name }: { keyId: string; name: string }) {
  const t = useTranslations("apiKeys");
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
        <Button variant="outline" size="sm" aria-label={t("revokeLabel", { name })}>
          {t("revoke")}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("close")}>
        <DialogHeader>
          <DialogTitle>{t("revokeTitle", { name })}</DialogTitle>
          <DialogDescription>{t("revokeText")}</DialogDescription>
        </DialogHeader>
        {error ? (
          <Alert variant="error" role="alert" data-testid="revoke-key-error">
            {error}
          </Alert>
        ) : null}
        <DialogActions
          cancelLabel={t("cancel")}
          onCancel={() => setOpen(false)}
          actionLabel={t("revokeButton")}
          onAction={() => run(revokeApiKeyAction, { keyId }, { onOk: () => setOpen(false) })}
          disabled={isPending}
          variant="danger"
        />
      </DialogContent>
    </Dialog>
  );
}
