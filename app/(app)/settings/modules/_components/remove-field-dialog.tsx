"use client";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog, DialogContent, DialogDescription, DialogActions, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { FieldConfig } from "@/lib/modules/queries";
import { removeFieldAction } from "../actions";
import { toFormData, type useRunAction } from "@/components/forms/use-run-action";

/**
 * Confirms removing a field. The server says when datasheets hold values (errors.fieldHasValues
 * with their count); only then does the button send `confirm`.
 */
export function RemoveFieldDialog({
  field,
  onClose,
  messageOf,
}: {
  field: FieldConfig | null;
  onClose: () => void;
  messageOf: ReturnType<typeof useRunAction>["messageOf"];
}) {
  const t = useTranslations("modules");
  const [error, setError] = useState<string | null>(null);
  const [needsConfirm, setNeedsConfirm] = useState(false);
  const [isPending, startTransition] = useTransition();

  function remove() {
    if (!field) return;
    startTransition(async () => {
      const result = await removeFieldAction(null, toFormData({ fieldId: field.id, confirm: needsConfirm }));
      if (result.ok) return onClose();
      setError(messageOf(result));
      if (result.message === "errors.fieldHasValues") setNeedsConfirm(true);
    });
  }

  return (
    <Dialog open={field !== null} onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent closeLabel={t("close")}>
        <DialogHeader>
          <DialogTitle>{t("removeFieldTitle", { name: field?.label ?? "" })}</DialogTitle>
          <DialogDescription>{t("removeFieldConfirm")}</DialogDescription>
        </DialogHeader>
        {error ? (
          <Alert variant="error" role="alert" data-testid="remove-field-error">
            {error}
          </Alert>
        ) : null}
        <DialogActions
          cancelLabel={t("cancel")}
          onCancel={onClose}
          actionLabel={needsConfirm ? t("confirmRemove") : t("removeButton")}
          onAction={remove}
          disabled={isPending}
          variant="danger"
        />
      </DialogContent>
    </Dialog>
  );
}
