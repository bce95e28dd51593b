"use client";
import { DragDropContext, Droppable, type DropResult } from "@hello-pangea/dnd";
import { Archive, ArchiveRestore, ChevronRight } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { ModuleKind } from "@/db/schema";
import { archiveModuleAction, moveModuleAction, renameModuleAction, restoreModuleAction } from "../actions";
import { SortableRow } from "./sortable-row";
import { EditorError } from "./editor-error";
import { InlineName } from "./inline-name";
import { moveWithin, neighboursAt, useSyncedState } from "./use-synced-state";
import { useRunAction } from "@/components/forms/use-run-action";

export interface ModuleRow {
  id: string;
  name: string;
  kind: ModuleKind;
  isArchived: boolean;
  statusCount: number;
}

export function ModuleList({ modules }: { modules: ModuleRow[] }) {
  const t = useTranslations("modules");
  const { error, run, saved } = useRunAction();
  const [items, setItems, reset] = useSyncedState(modules);
  const active = items.filter((m) => !m.isArchived);
  const archived = items.filter((m) => m.isArchived);

  function onDragEnd(result: DropResult) {
    const { source, destination, draggableId } = result;
    if (!destination || destination.index === source.index) return;
    const next = moveWithin(active, source.index, destination.index);
    setItems([...next, ...archived]);
    run(moveModuleAction, { moduleId: draggableId, ...neighboursAt(next, destination.index) }, { onError: reset });
  }

  function rename(id: string, name: string) {
    setItems(items.map((m) => (m.id === id ? { ...m, name } : m)));
    run(renameModuleAction, { moduleId: id, name }, { onError: reset });
  }

  return (
    <div className="space-y-6">
      <EditorError message={error} saved={saved} />
      <section aria-labelledby="active-modules" className="space-y-3">
        <h2 id="active-modules" className="text-sm font-semibold">
          {t("active")}
        </h2>
        {active.length === 0 ? (
          <EmptyState title={t("noModules")} description={t("noModulesText")} titleAs="p" />
        ) : (
          <DragDropContext onDragEnd={onDragEnd} dragHandleUsageInstructions={t("dragHint")}>
            <Droppable droppableId="modules" type="module">
              {(provided) => (
                <ul
                  ref={provided.innerRef}
                  {...provided.droppableProps}
                  data-testid="module-list"
                  className="divide-y divide-border rounded-lg border border-border bg-card"
                >
                  {active.map((m, index) => (
                    <SortableRow
                      key={m.id}
                      id={m.id}
                      index={index}
                      testId="module-row"
                      handleLabel={t("dragHandle", { name: m.name })}
                      className="flex items-center gap-2 bg-card px-2 py-2 sm:px-3"
                      draggingClassName="rounded-lg shadow-lg ring-1 ring-ring"
                    >
                      {(handle) => (
                        <>
                          {handle}
                          <div className="min-w-0 flex-1">
                            <InlineName
                              value={m.name}
                              renameLabel={t("rename", { name: m.name })}
                              inputLabel={t("nameOf", { name: m.name })}
                              onSave={(name) => rename(m.id, name)}
                            />
                            <p className="truncate text-xs text-muted-foreground">
                              {t(`kinds.${m.kind}`)} · {t("statusCount", { count: m.statusCount })}
                            </p>
                          </div>
                          <Button
                            variant="ghost"
                            size="icon"
                            aria-label={t("archiveField", { name: m.name })}
                            title={t("archive")}
                            onClick={() => {
                              setItems(items.map((x) => (x.id === m.id ? { ...x, isArchived: true } : x)));
                              run(archiveModuleAction, { moduleId: m.id }, { onError: reset });
                            }}
                          >
                            <Archive aria-hidden="true" />
                          </Button>
                          <Button variant="outline" size="sm" asChild>
                            <Link href={`/settings/modules/${m.id}`}>
                              {/* Named "Edit <module>": the visible word starts the accessible name. */}
                              <span className="sr-only sm:not-sr-only">{t("edit")}</span>
                              <span className="sr-only"> {m.name}</span>
                              <ChevronRight aria-hidden="true" />
                            </Link>
                          </Button>
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
      </section>
      {archived.length > 0 ? (
        <details className="group rounded-lg border border-border" data-testid="archived-modules">
          <summary className="flex cursor-pointer items-center gap-2 rounded-lg px-3 py-2.5 text-sm font-semibold outline-none focus-visible:outline-2 focus-visible:outline-ring">
            <ChevronRight aria-hidden="true" className="size-4 transition-transform group-open:rotate-90" />
            {t("archived", { count: archived.length })}
          </summary>
          <ul className="divide-y divide-border border-t border-border">
            {archived.map((m) => (
              <li key={m.id} className="flex items-center gap-2 px-3 py-2">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium">{m.name}</p>
                  <p className="truncate text-xs text-muted-foreground">{t(`kinds.${m.kind}`)}</p>
                </div>
                <Button
                  variant="outline"
                  size="sm"
                  aria-label={t("restoreField", { name: m.name })}
                  onClick={() => {
                    setItems(items.map((x) => (x.id === m.id ? { ...x, isArchived: false } : x)));
                    run(restoreModuleAction, { moduleId: m.id }, { onError: reset });
                  }}
                >
                  <ArchiveRestore aria-hidden="true" />
                  {t("restore")}
                </Button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
