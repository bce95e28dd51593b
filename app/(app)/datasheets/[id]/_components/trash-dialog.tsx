"use client";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
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
        <DialogFooter>
          <Button variant="outline" onClick={() => props.onOpenChange(false)}>
            {t("cancel")}
          </Button>
          <Button variant="danger" disabled={props.isPending} onClick={props.onConfirm}>
            {t("trashConfirm")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
