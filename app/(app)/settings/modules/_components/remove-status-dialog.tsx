"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { NativeSelect } from "@/components/ui/native-select";
import type { StatusConfig } from "@/lib/modules/queries";

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
  const [target, setTarget] = useState("");
  const hasDatasheets = (status?.datasheetCount ?? 0) > 0;
  return (
    <Dialog open={status !== null} onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent closeLabel={t("close")}>
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (hasDatasheets && !target) return;
            onRemove(hasDatasheets ? target : undefined);
            setTarget("");
          }}
        >
          <DialogHeader>
            <DialogTitle>{t("removeStatusTitle", { name: status?.name ?? "" })}</DialogTitle>
            {hasDatasheets ? null : <DialogDescription>{t("removeStatusConfirm")}</DialogDescription>}
          </DialogHeader>
          {hasDatasheets ? (
            <div className="space-y-1.5">
              <label htmlFor="moveToStatusId" className="text-sm font-medium">
                {t("moveDatasheetsTo", { count: status!.datasheetCount })}
              </label>
              <NativeSelect
                id="moveToStatusId"
                value={target}
                required
                onChange={(event) => setTarget(event.target.value)}
              >
                <option value="">{t("chooseStatus")}</option>
                {others.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </NativeSelect>
            </div>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {t("cancel")}
            </Button>
            <Button type="submit" variant="danger" disabled={hasDatasheets && !target}>
              {t("removeButton")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
