"use client";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
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
        <DialogFooter>
          <Button variant="outline" onClick={onCancel}>
            {t("cancel")}
          </Button>
          <Button variant="danger" disabled={isPending} onClick={onConfirm}>
            {t("removeConfirm")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
