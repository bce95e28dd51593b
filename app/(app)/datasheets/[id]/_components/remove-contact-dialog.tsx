"use client";
import { useTranslations } from "next-intl";
import { Dialog, DialogContent, DialogActions, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { Contact } from "@/db/schema";

/** "Remove this contact person?" (loaded when first opened). */
export default function RemoveContactDialog({ contact, isPending, onConfirm, onCancel }: { contact: Contact; isPending: boolean; onConfirm: () => void; onCancel: () => void }) {
  const t = useTranslations("contacts");
  return (
    <Dialog open onOpenChange={(open) => (open ? null : onCancel())}>
      <DialogContent closeLabel={t("close")} aria-describedby={undefined}>
        <DialogHeader>
          <DialogTitle>{t("removeTitle", { name: contact.name })}</DialogTitle>
        </DialogHeader>
        <DialogActions
          cancelLabel={t("cancel")}
          onCancel={onCancel}
          actionLabel={t("removeConfirm")}
          onAction={onConfirm}
          disabled={isPending}
          variant="danger"
        />
      </DialogContent>
    </Dialog>
  );
}
