"use client";
import { DragDropContext, Droppable, type DropResult } from "@hello-pangea/dnd";
import { Archive, ArchiveRestore, ChevronRight, Pencil, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { isSelectType } from "@/lib/fields/types";
import type { FieldConfig } from "@/lib/modules/queries";
import { archiveFieldAction, moveFieldAction, moveOptionAction, restoreFieldAction } from "../actions";
import { SortableRow } from "./sortable-row";
import { EditorError } from "./editor-error";
import { FieldDialog } from "./field-dialog";
import { OptionsList, optionType } from "./options-list";
import { RemoveFieldDialog } from "./remove-field-dialog";
import { useRunAction } from "@/components/forms/use-run-action";
import { moveWithin, neighboursAt, useSyncedState } from "./use-synced-state";

function FieldSummary({ field }: { field: FieldConfig }) {
  const t = useTranslations("modules");
  return (
    <div className="min-w-0 flex-1">
      <p className="flex flex-wrap items-center gap-1.5 text-sm font-medium">
        <span className="min-w-0 truncate">{field.label}</span>
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

export function FieldsEditor({ moduleId, fields: serverFields }: { moduleId: string; fields: FieldConfig[] }) {
  const t = useTranslations("modules");
  const { error, run, messageOf, saved } = useRunAction();
  const [fields, setFields, reset] = useSyncedState(serverFields);
  const [removing, setRemoving] = useState<FieldConfig | null>(null);
  const active = fields.filter((f) => !f.archivedAt);
  const archived = fields.filter((f) => f.archivedAt);

  function onDragEnd({ source, destination, draggableId, type }: DropResult) {
    if (!destination || destination.index === source.index) return;
    if (type === "field") {
      const next = moveWithin(active, source.index, destination.index);
      setFields([...next, ...archived]);
      run(moveFieldAction, { fieldId: draggableId, ...neighboursAt(next, destination.index) }, { onError: reset });
      return;
    }
    const field = fields.find((f) => optionType(f.id) === type);
    if (!field) return;
    const options = moveWithin(field.options, source.index, destination.index);
    setFields(fields.map((f) => (f.id === field.id ? { ...f, options } : f)));
    run(moveOptionAction, { optionId: draggableId, ...neighboursAt(options, destination.index) }, { onError: reset });
  }

  return (
    <div className="space-y-4">
      <EditorError message={error} saved={saved} />
      <div className="flex justify-end">
        <FieldDialog
          moduleId={moduleId}
          afterId={active.at(-1)?.id}
          trigger={
            <Button>
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
                  <SortableRow
                    key={field.id}
                    id={field.id}
                    index={index}
                    testId="field-row"
                    handleLabel={t("dragHandle", { name: field.label })}
                    className="rounded-lg border border-border bg-card p-2 sm:p-3"
                  >
                    {(handle) => (
                      <>
                        <div className="flex items-center gap-1.5">
                          {handle}
                          <FieldSummary field={field} />
                          <FieldDialog
                            moduleId={moduleId}
                            field={field}
                            trigger={
                              <Button variant="ghost" size="icon" aria-label={t("editField", { name: field.label })}>
                                <Pencil aria-hidden="true" />
                              </Button>
                            }
                          />
                          {field.isSystem ? null : (
                            <>
                              <Button
                                variant="ghost"
                                size="icon"
                                aria-label={t("archiveField", { name: field.label })}
                                onClick={() => run(archiveFieldAction, { fieldId: field.id })}
                              >
                                <Archive aria-hidden="true" />
                              </Button>
                              <Button variant="ghost" size="icon" aria-label={t("removeField", { name: field.label })} onClick={() => setRemoving(field)}>
                                <Trash2 aria-hidden="true" />
                              </Button>
                            </>
                          )}
                        </div>
                        {isSelectType(field.type) ? (
                          <OptionsList
                            field={field}
                            run={run}
                            onReset={reset}
                            onChange={(options) => setFields(fields.map((f) => (f.id === field.id ? { ...f, options } : f)))}
                          />
                        ) : null}
                      </>
                    )}
                  </SortableRow>
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
                <Button variant="outline" size="sm" aria-label={t("restoreField", { name: field.label })} onClick={() => run(restoreFieldAction, { fieldId: field.id })}>
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
