"use client";
import { Archive, Pencil, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { FieldConfig } from "@/lib/modules/queries";
import { cn } from "@/lib/ui/cn";
import { FieldDialog } from "./field-dialog";
import { MoveButtons } from "./move-buttons";
import { SortableRow } from "./sortable-row";

export function FieldSummary({ field, className }: { field: FieldConfig; className?: string }) {
  const t = useTranslations("modules");
  return (
    <div className={cn("min-w-0 flex-1", className)}>
      <p className="flex flex-wrap items-center gap-1.5 text-sm font-medium">
        <span className="min-w-0 truncate" data-testid="field-label">
          {field.label}
        </span>
        {field.isRequired ? <Badge variant="info">{t("required")}</Badge> : null}
        {field.isSystem ? <Badge>{t("system")}</Badge> : null}
      </p>
      <p className="flex flex-wrap gap-x-2 text-xs text-muted-foreground">
        <span>{t(`types.${field.type}`)}</span>
        <code className="font-mono">{field.key}</code>
      </p>
    </div>
  );
}

/** An active field: its grip, name and type, Move up/down, edit, archive and remove; `children` its options. */
export function FieldRow({
  field,
  index,
  moduleId,
  onMoveUp,
  onMoveDown,
  onArchive,
  onRemove,
  onSaved,
  children,
}: {
  field: FieldConfig;
  index: number;
  moduleId: string;
  /** Absent: it is the first (or the last) field. */
  onMoveUp?: () => void;
  onMoveDown?: () => void;
  onArchive: () => void;
  onRemove: () => void;
  onSaved: () => void;
  children?: ReactNode;
}) {
  const t = useTranslations("modules");
  return (
    <SortableRow
      id={field.id}
      index={index}
      testId="field-row"
      handleLabel={t("dragHandle", { name: field.label })}
      className="rounded-lg border border-border bg-card p-2 sm:p-3"
    >
      {(handle) => (
        <>
          {/* On a phone the controls take a line of their own, so the name is not cut to a few letters. */}
          <div className="flex flex-wrap items-center gap-x-1.5">
            {handle}
            <FieldSummary field={field} className="max-sm:basis-[calc(100%-3rem)]" />
            <div className="flex items-center gap-1.5 max-sm:ml-auto">
              <MoveButtons name={field.label} onMoveUp={onMoveUp} onMoveDown={onMoveDown} />
              <FieldDialog
                moduleId={moduleId}
                field={field}
                onSaved={onSaved}
                trigger={
                  <Button variant="ghost" size="icon" aria-label={t("editField", { name: field.label })}>
                    <Pencil aria-hidden="true" />
                  </Button>
                }
              />
              {field.isSystem ? null : (
                <>
                  <Button variant="ghost" size="icon" aria-label={t("archiveField", { name: field.label })} onClick={onArchive}>
                    <Archive aria-hidden="true" />
                  </Button>
                  <Button variant="ghost" size="icon" aria-label={t("removeField", { name: field.label })} onClick={onRemove}>
                    <Trash2 aria-hidden="true" />
                  </Button>
                </>
              )}
            </div>
          </div>
          {children}
        </>
      )}
    </SortableRow>
  );
}
