"use client";
import { useTranslations } from "next-intl";
import { Dialog, DialogContent, DialogDescription, DialogActions, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { ActionError } from "./page-ui";

/** "Move this datasheet to the trash?" (loaded when first opened). */
export default function TrashDialog(props: {
  businessName: string;
  moduleName: string;
  error: string | null;
  isPending: boolean;
  onConfirm: () => void;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("datasheet");
  return (
    <Dialog open onOpenChange={props.onOpenChange}>
      <DialogContent closeLabel={t("close")}>
        <DialogHeader>
          <DialogTitle>{t("trashTitle")}</DialogTitle>
          <DialogDescription>{t("trashText", { name: props.businessName, module: props.moduleName })}</DialogDescription>
        </DialogHeader>
        <ActionError message={props.error} />
        <DialogActions
          cancelLabel={t("cancel")}
          onCancel={() => props.onOpenChange(false)}
          actionLabel={t("trashConfirm")}
          onAction={props.onConfirm}
          disabled={props.isPending}
          variant="danger"
        />
      </DialogContent>
    </Dialog>
  );
}
