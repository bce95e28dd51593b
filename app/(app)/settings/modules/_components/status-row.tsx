"use client";
import { Lock, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { ColorChip } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { StatusConfig } from "@/lib/modules/queries";
import { ColorPopover } from "./color-popover";
import { InlineName } from "./inline-name";
import { MoveButtons } from "./move-buttons";
import { SortableRow } from "./sortable-row";

export function StatusRow({
  status,
  index,
  isRenaming,
  onRename,
  onRecolor,
  onRemove,
  onMoveUp,
  onMoveDown,
}: {
  status: StatusConfig;
  index: number;
  isRenaming: boolean;
  onRename: (name: string) => void;
  onRecolor: (color: string) => void;
  onRemove: () => void;
  /** Absent: it cannot move that way (the first or last, or a system status at its group's edge). */
  onMoveUp?: () => void;
  onMoveDown?: () => void;
}) {
  const t = useTranslations("modules");
  return (
    <SortableRow
      id={status.id}
      index={index}
      testId="status-row"
      dataAttributes={{ "data-status-id": status.id }}
      handleLabel={t("dragHandle", { name: status.name })}
      // On a phone the controls take a line of their own, so the name is not cut to a few letters.
      className="flex min-h-11 flex-wrap items-center gap-x-1.5 gap-y-0 rounded-md border border-border bg-card px-1.5 py-1"
    >
      {(handle) => (
        <>
          {handle}
          <div className="flex min-w-0 flex-1 items-center gap-2 max-sm:basis-[calc(100%-3rem)]">
            <InlineName
              value={status.name}
              renameLabel={t("rename", { name: status.name })}
              inputLabel={t("nameOf", { name: status.name })}
              onSave={onRename}
              isInitiallyEditing={isRenaming}
              className="max-w-full"
            >
              <ColorChip color={status.color} data-testid="status-chip" className="max-w-full text-sm">
                {status.name}
              </ColorChip>
            </InlineName>
            {status.datasheetCount > 0 ? (
              <span className="hidden shrink-0 text-xs text-muted-foreground sm:inline">{t("datasheets", { count: status.datasheetCount })}</span>
            ) : null}
          </div>
          <div className="flex items-center gap-1.5 max-sm:ml-auto">
            <MoveButtons name={status.name} onMoveUp={onMoveUp} onMoveDown={onMoveDown} />
            <ColorPopover name={status.name} color={status.color} onPick={onRecolor} />
            {status.isSystem ? (
              <span className="inline-flex size-9 items-center justify-center text-muted-foreground" title={t("systemStatus")}>
                <Lock aria-hidden="true" className="size-4" />
                <span className="sr-only">{t("systemStatus")}</span>
              </span>
            ) : (
              <Button variant="ghost" size="icon" aria-label={t("remove", { name: status.name })} onClick={onRemove}>
                <Trash2 aria-hidden="true" />
              </Button>
            )}
          </div>
        </>
      )}
    </SortableRow>
  );
}
