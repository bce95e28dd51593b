"use client";
import { useTranslations } from "next-intl";
import type { StatusConfig } from "@/lib/modules/queries";
import { ChooseTargetDialog } from "./choose-target-dialog";

/** Asks where the status's datasheets go (when it has any) before removing it. */
export function RemoveStatusDialog({
  status,
  others,
  onClose,
  onRemove,
}: {
  status: StatusConfig | null;
  others: StatusConfig[];
  onClose: () => void;
  onRemove: (moveToStatusId: string | undefined) => void;
}) {
  const t = useTranslations("modules");
  const hasDatasheets = (status?.datasheetCount ?? 0) > 0;
  return (
    <ChooseTargetDialog
      isOpen={status !== null}
      title={t("removeStatusTitle", { name: status?.name ?? "" })}
      description={hasDatasheets ? undefined : t("removeStatusConfirm")}
      choice={
        hasDatasheets
          ? {
              id: "moveToStatusId",
              label: t("moveDatasheetsTo", { count: status!.datasheetCount }),
              targets: others,
              emptyLabel: t("chooseStatus"),
              isRequired: true,
            }
          : undefined
      }
      onClose={onClose}
      onConfirm={(target) => onRemove(hasDatasheets ? target : undefined)}
    />
  );
}
