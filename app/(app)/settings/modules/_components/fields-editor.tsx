"use client";
import { DragDropContext, Droppable, type DropResult } from "@hello-pangea/dnd";
import { ArchiveRestore, ChevronRight, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { isSelectType } from "@/lib/fields/types";
import type { FieldConfig } from "@/lib/modules/queries";
import { archiveFieldAction, moveFieldAction, moveOptionAction, restoreFieldAction } from "../actions";
import { EditorError } from "./editor-error";
import { FieldDialog } from "./field-dialog";
import { FieldRow, FieldSummary } from "./field-row";
import { OptionsList, optionType } from "./options-list";
import { RemoveFieldDialog } from "./remove-field-dialog";
import { useRunAction } from "@/components/forms/use-run-action";
import { moveWithin, neighboursAt, useSyncedState } from "./use-synced-state";

export function FieldsEditor({ moduleId, fields: serverFields }: { moduleId: string; fields: FieldConfig[] }) {
  const t = useTranslations("modules");
  const { error, setError, run, messageOf, saved } = useRunAction();
  // Saves made in the field dialog (a rename, a new field) are confirmed with the editor's own.
  const [dialogSaves, setDialogSaves] = useState(0);
  const [fields, setFields, reset] = useSyncedState(serverFields);
  const [removing, setRemoving] = useState<FieldConfig | null>(null);
  const active = fields.filter((f) => !f.archivedAt);
  const archived = fields.filter((f) => f.archivedAt);

  function onDialogSaved() {
    setError(null);
    setDialogSaves((n) => n + 1);
  }

  /** One move, by drag or by the Move up/down buttons: shown at once, undone if the server refuses. */
  function moveField(from: number, to: number) {
    const next = moveWithin(active, from, to);
    setFields([...next, ...archived]);
    run(moveFieldAction, { fieldId: active[from]!.id, ...neighboursAt(next, to) }, { onError: reset });
  }

  function moveOption(field: FieldConfig, from: number, to: number) {
    const options = moveWithin(field.options, from, to);
    setFields(fields.map((f) => (f.id === field.id ? { ...f, options } : f)));
    run(moveOptionAction, { optionId: field.options[from]!.id, ...neighboursAt(options, to) }, { onError: reset });
  }

  function onDragEnd({ source, destination, type }: DropResult) {
    if (!destination || destination.index === source.index) return;
    if (type === "field") return moveField(source.index, destination.index);
    const field = fields.find((f) => optionType(f.id) === type);
    if (field) moveOption(field, source.index, destination.index);
  }

  return (
    <div className="space-y-4">
      <EditorError message={error} saved={saved + dialogSaves} />
      <div className="flex justify-end">
        <FieldDialog
          moduleId={moduleId}
          afterId={active.at(-1)?.id}
          onSaved={onDialogSaved}
          trigger={
            <Button isPrimaryAction>
              <Plus aria-hidden="true" />
              {t("addField")}
            </Button>
          }
        />
      </div>
      {active.length === 0 ? (
        <EmptyState title={t("noFields")} description={t("noFieldsText")} titleAs="p" />
      ) : (
        <DragDropContext onDragEnd={onDragEnd} dragHandleUsageInstructions={t("dragHint")}>
          <Droppable droppableId="fields" type="field">
            {(provided) => (
              <ul ref={provided.innerRef} {...provided.droppableProps} className="space-y-2" data-testid="field-list">
                {active.map((field, index) => (
                  <FieldRow
                    key={field.id}
                    field={field}
                    index={index}
                    moduleId={moduleId}
                    onMoveUp={index > 0 ? () => moveField(index, index - 1) : undefined}
                    onMoveDown={index < active.length - 1 ? () => moveField(index, index + 1) : undefined}
                    onArchive={() => run(archiveFieldAction, { fieldId: field.id })}
                    onRemove={() => setRemoving(field)}
                    onSaved={onDialogSaved}
                  >
                    {isSelectType(field.type) ? (
                      <OptionsList
                        field={field}
                        run={run}
                        onReset={reset}
                        onChange={(options) => setFields(fields.map((f) => (f.id === field.id ? { ...f, options } : f)))}
                        onMove={(from, to) => moveOption(field, from, to)}
                      />
                    ) : null}
                  </FieldRow>
                ))}
                {provided.placeholder}
              </ul>
            )}
          </Droppable>
        </DragDropContext>
      )}
      {archived.length > 0 ? (
        <details className="group rounded-lg border border-border">
          <summary className="flex cursor-pointer items-center gap-2 rounded-lg px-3 py-2.5 text-sm font-semibold outline-none focus-visible:outline-2 focus-visible:outline-ring">
            <ChevronRight aria-hidden="true" className="size-4 transition-transform group-open:rotate-90" />
            {t("archivedFields", { count: archived.length })}
          </summary>
          <ul className="divide-y divide-border border-t border-border">
            {archived.map((field) => (
              <li key={field.id} className="flex items-center gap-2 px-3 py-2">
                <FieldSummary field={field} />
                <Button
                  variant="outline"
                  size="sm"
                  aria-label={t("restoreField", { name: field.label })}
                  onClick={() => run(restoreFieldAction, { fieldId: field.id })}
                >
                  <ArchiveRestore aria-hidden="true" />
                  {t("restore")}
                </Button>
                <Button variant="ghost" size="icon" aria-label={t("removeField", { name: field.label })} onClick={() => setRemoving(field)}>
                  <Trash2 aria-hidden="true" />
                </Button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <RemoveFieldDialog key={removing?.id ?? "none"} field={removing} onClose={() => setRemoving(null)} messageOf={messageOf} />
    </div>
  );
}
