"use client";
import { Draggable, Droppable } from "@hello-pangea/dnd";
import { Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { FieldConfig, OptionConfig } from "@/lib/modules/queries";
import { cn } from "@/lib/ui/cn";
import { addOptionAction, removeOptionAction, renameOptionAction } from "../actions";
import { ChooseTargetDialog } from "./choose-target-dialog";
import { DragHandle } from "./drag-handle";
import { InlineName } from "./inline-name";
import { MoveButtons } from "./move-buttons";
import type { useRunAction } from "@/components/forms/use-run-action";

export const optionType = (fieldId: string) => `option-${fieldId}`;

function RemoveOptionDialog({
  option,
  others,
  onClose,
  onRemove,
}: {
  option: OptionConfig | null;
  others: OptionConfig[];
  onClose: () => void;
  onRemove: (values: { replaceWithOptionId?: string; clear?: boolean }) => void;
}) {
  const t = useTranslations("modules");
  const inUse = (option?.datasheetCount ?? 0) > 0;
  return (
    <ChooseTargetDialog
      isOpen={option !== null}
      title={t("removeOptionTitle", { name: option?.label ?? "" })}
      description={inUse ? t("optionInUse", { count: option!.datasheetCount }) : t("removeOptionConfirm")}
      choice={
        inUse
          ? {
              id: "replaceWithOptionId",
              label: t("replaceWith"),
              targets: others.map((o) => ({ id: o.id, name: o.label })),
              emptyLabel: t("clearValue"),
              isRequired: false,
            }
          : undefined
      }
      onClose={onClose}
      onConfirm={(replacement) => onRemove(inUse ? (replacement ? { replaceWithOptionId: replacement } : { clear: true }) : {})}
    />
  );
}

/**
 * A select field's options: a nested Droppable of its own type, so options stay in their field;
 * each also moves by its Move up/down buttons (`onMove`, the same move as a drop).
 */
export function OptionsList({
  field,
  run,
  onReset,
  onChange,
  onMove,
}: {
  field: FieldConfig;
  run: ReturnType<typeof useRunAction>["run"];
  onReset: () => void;
  onChange: (options: OptionConfig[]) => void;
  onMove: (from: number, to: number) => void;
}) {
  const t = useTranslations("modules");
  const [draft, setDraft] = useState("");
  const [removing, setRemoving] = useState<OptionConfig | null>(null);
  const isLocked = field.isSystem || Boolean(field.archivedAt);

  return (
    <div className="mt-2 ml-2 space-y-2 border-l-2 border-border pl-3 sm:ml-10" role="group" aria-label={t("options", { name: field.label })}>
      <Droppable droppableId={`options-${field.id}`} type={optionType(field.id)}>
        {(provided) => (
          <ul ref={provided.innerRef} {...provided.droppableProps} className="space-y-1" data-testid="option-list">
            {field.options.map((option, index) => (
              <Draggable key={option.id} draggableId={option.id} index={index} isDragDisabled={isLocked}>
                {(drag, snapshot) => (
                  <li
                    ref={drag.innerRef}
                    {...drag.draggableProps}
                    data-testid="option-row"
                    // The controls wrap below the name rather than cut it short on a narrow phone.
                    className={cn("flex flex-wrap items-center gap-1 rounded-md bg-card", snapshot.isDragging && "shadow-lg ring-1 ring-ring")}
                  >
                    <DragHandle handleProps={drag.dragHandleProps} label={t("dragHandle", { name: option.label })} className="size-7" />
                    <div className="min-w-32 flex-1">
                      <InlineName
                        value={option.label}
                        renameLabel={t("rename", { name: option.label })}
                        inputLabel={t("nameOf", { name: option.label })}
                        disabled={isLocked}
                        className="font-normal"
                        onSave={(label) => {
                          onChange(field.options.map((o) => (o.id === option.id ? { ...o, label } : o)));
                          run(renameOptionAction, { optionId: option.id, label }, { onError: onReset });
                        }}
                      />
                    </div>
                    {isLocked ? null : (
                      <div className="ml-auto flex items-center gap-1">
                        <MoveButtons
                          name={option.label}
                          className="size-8"
                          onMoveUp={index > 0 ? () => onMove(index, index - 1) : undefined}
                          onMoveDown={index < field.options.length - 1 ? () => onMove(index, index + 1) : undefined}
                        />
                        {option.isSystem ? null : (
                          <Button
                            variant="ghost"
                            size="icon"
                            className="size-8"
                            aria-label={t("remove", { name: option.label })}
                            onClick={() => setRemoving(option)}
                          >
                            <X aria-hidden="true" />
                          </Button>
                        )}
                      </div>
                    )}
                  </li>
                )}
              </Draggable>
            ))}
            {provided.placeholder}
          </ul>
        )}
      </Droppable>
      {isLocked ? null : (
        <form
          className="flex items-center gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            const label = draft.trim();
            if (!label) return;
            setDraft("");
            run(addOptionAction, { fieldId: field.id, label, afterId: field.options.at(-1)?.id });
          }}
        >
          <Input
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            aria-label={t("optionLabel")}
            placeholder={t("optionLabel")}
            maxLength={100}
            className="h-8 max-w-56"
          />
          <Button type="submit" variant="outline" size="sm">
            <Plus aria-hidden="true" />
            {t("addOption")}
          </Button>
        </form>
      )}
      <RemoveOptionDialog
        key={removing?.id ?? "none"}
        option={removing}
        others={field.options.filter((o) => o.id !== removing?.id)}
        onClose={() => setRemoving(null)}
        onRemove={(values) => {
          const optionId = removing!.id;
          setRemoving(null);
          onChange(field.options.filter((o) => o.id !== optionId));
          run(removeOptionAction, { optionId, ...values }, { onError: onReset });
        }}
      />
    </div>
  );
}
