"use client";
import { DragDropContext, Draggable, Droppable, type DropResult } from "@hello-pangea/dnd";
import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { statusPalette } from "@/lib/modules/colors";
import type { GroupConfig, StatusConfig } from "@/lib/modules/queries";
import { cn } from "@/lib/ui/cn";
import { createGroupAction, createStatusAction, moveStatusAction, recolorStatusAction, removeStatusAction, renameStatusAction } from "../actions";
import { DragHandle } from "./drag-handle";
import { EditorError } from "./editor-error";
import { GroupHeader } from "./group-header";
import { RemoveStatusDialog } from "./remove-status-dialog";
import { StatusRow } from "./status-row";
import { useRunAction } from "@/components/forms/use-run-action";
import { useSyncedState } from "./use-synced-state";

const PALETTE_ID = "palette";
const NEW_STATUS_ID = "new-status";

/** The first palette colour no status uses yet, so a new status stands out; cycles when all are. */
function nextColor(groups: GroupConfig[]): string {
  const used = new Set(groups.flatMap((g) => g.statuses.map((s) => s.color)));
  const count = groups.reduce((n, g) => n + g.statuses.length, 0);
  return statusPalette.find((c) => !used.has(c)) ?? statusPalette[count % statusPalette.length]!;
}

function updateStatus(groups: GroupConfig[], id: string, change: Partial<StatusConfig>): GroupConfig[] {
  return groups.map((g) => ({ ...g, statuses: g.statuses.map((s) => (s.id === id ? { ...s, ...change } : s)) }));
}

export function StatusesEditor({ moduleId, groups: serverGroups, isAutomatic }: { moduleId: string; groups: GroupConfig[]; isAutomatic: boolean }) {
  const t = useTranslations("modules");
  const { error, run, saved } = useRunAction();
  const [groups, setGroups, reset] = useSyncedState(serverGroups);
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const [removing, setRemoving] = useState<StatusConfig | null>(null);
  const allStatuses = groups.flatMap((g) => g.statuses);

  function createAt(groupId: string, index: number) {
    const group = groups.find((g) => g.id === groupId);
    if (!group) return;
    const name = t("newStatus");
    const color = nextColor(groups);
    const placeholder: StatusConfig = {
      id: `${NEW_STATUS_ID}-${Date.now()}`,
      key: "",
      name,
      color,
      textColor: "#ffffff",
      position: "",
      isSystem: false,
      datasheetCount: 0,
    };
    const statuses = [...group.statuses];
    statuses.splice(index, 0, placeholder);
    setGroups(groups.map((g) => (g.id === groupId ? { ...g, statuses } : g)));
    run(
      createStatusAction,
      { groupId, name, color, afterId: group.statuses[index - 1]?.id, beforeId: group.statuses[index]?.id },
      { onOk: (created) => setRenamingId(created.id), onError: reset },
    );
  }

  /** Moves a status to `toIndex` of a group (the index among the group's statuses without it). */
  function moveTo(status: StatusConfig, toGroupId: string, toIndex: number) {
    const without = groups.map((g) => ({ ...g, statuses: g.statuses.filter((s) => s.id !== status.id) }));
    const next = without.map((g) => {
      if (g.id !== toGroupId) return g;
      const statuses = [...g.statuses];
      statuses.splice(toIndex, 0, status);
      return { ...g, statuses };
    });
    const target = next.find((g) => g.id === toGroupId)!.statuses;
    setGroups(next);
    run(moveStatusAction, { statusId: status.id, groupId: toGroupId, afterId: target[toIndex - 1]?.id, beforeId: target[toIndex + 1]?.id }, { onError: reset });
  }

  /**
   * Move up or down without dragging (WCAG 2.5.7): within the group, and past its edge into the
   * neighbouring group — except a system status, which never leaves its group.
   */
  function neighbourPlace(status: StatusConfig, delta: -1 | 1): { groupId: string; index: number } | null {
    const groupIndex = groups.findIndex((g) => g.statuses.some((s) => s.id === status.id));
    const group = groups[groupIndex]!;
    const index = group.statuses.findIndex((s) => s.id === status.id);
    if (index + delta >= 0 && index + delta < group.statuses.length) return { groupId: group.id, index: index + delta };
    const neighbour = groups[groupIndex + delta];
    if (status.isSystem || !neighbour) return null;
    return { groupId: neighbour.id, index: delta < 0 ? neighbour.statuses.length : 0 };
  }

  function onDragEnd({ source, destination }: DropResult) {
    if (!destination) return;
    if (source.droppableId === PALETTE_ID) return createAt(destination.droppableId, destination.index);
    if (source.droppableId === destination.droppableId && source.index === destination.index) return;
    const moved = groups.find((g) => g.id === source.droppableId)?.statuses[source.index];
    if (moved) moveTo(moved, destination.droppableId, destination.index);
  }

  return (
    <div className="space-y-4">
      <EditorError message={error} saved={saved} />
      {isAutomatic ? <p className="text-sm text-muted-foreground">{t("automaticNote")}</p> : null}
      <DragDropContext onDragEnd={onDragEnd} dragHandleUsageInstructions={t("dragHint")}>
        {isAutomatic ? null : (
          <div className="flex flex-wrap items-center gap-3 rounded-lg border border-dashed border-border bg-muted/40 p-2 sm:p-3">
            <p className="text-sm text-muted-foreground">{t("palette")}</p>
            {/* Horizontal, so a keyboard drag's ArrowDown moves the new status into the first group below. */}
            <Droppable droppableId={PALETTE_ID} type="status" direction="horizontal" isDropDisabled>
              {(provided) => (
                <div ref={provided.innerRef} {...provided.droppableProps} className="flex" data-testid="status-palette">
                  <Draggable draggableId={NEW_STATUS_ID} index={0}>
                    {(drag, snapshot) => (
                      <div
                        ref={drag.innerRef}
                        {...drag.draggableProps}
                        data-testid="new-status"
                        className={cn(
                          "flex items-center gap-1 rounded-md border border-border bg-card py-1 pr-3 pl-1 text-sm font-medium shadow-xs",
                          snapshot.isDragging && "shadow-lg ring-1 ring-ring",
                        )}
                      >
                        <DragHandle handleProps={drag.dragHandleProps} label={t("newStatus")} />
                        <Plus aria-hidden="true" className="size-4 text-muted-foreground" />
                        {t("newStatus")}
                      </div>
                    )}
                  </Draggable>
                  {provided.placeholder}
                </div>
              )}
            </Droppable>
          </div>
        )}
        <div className="space-y-3" aria-label={t("groups")} role="group">
          {groups.map((group, groupIndex) => (
            <section
              key={group.id}
              aria-label={t("group", { name: group.name })}
              data-testid="status-group"
              data-group-id={group.id}
              // The staircase: each later group steps in a little, as the process moves on.
              style={{ marginInlineStart: `${Math.min(groupIndex, 4) * 0.75}rem` }}
              className="rounded-lg border border-border bg-muted/40 p-2 sm:p-3"
            >
              <GroupHeader group={group} groups={groups} index={groupIndex} isAutomatic={isAutomatic} run={run} onReset={reset} setGroups={setGroups} />
              <Droppable droppableId={group.id} type="status">
                {(provided, snapshot) => (
                  <ul
                    ref={provided.innerRef}
                    {...provided.droppableProps}
                    className={cn("min-h-11 space-y-1.5 rounded-md transition-colors", snapshot.isDraggingOver && "bg-accent/60")}
                  >
                    {group.statuses.map((status, index) => (
                      <StatusRow
                        key={status.id}
                        status={status}
                        index={index}
                        isRenaming={status.id === renamingId}
                        onRename={(name) => {
                          setRenamingId(null);
                          setGroups(updateStatus(groups, status.id, { name }));
                          run(renameStatusAction, { statusId: status.id, name }, { onError: reset });
                        }}
                        onRecolor={(color) => {
                          setGroups(updateStatus(groups, status.id, { color }));
                          run(recolorStatusAction, { statusId: status.id, color }, { onError: reset });
                        }}
                        onRemove={() => setRemoving(status)}
                        onMoveUp={
                          neighbourPlace(status, -1)
                            ? () => {
                                const p = neighbourPlace(status, -1)!;
                                moveTo(status, p.groupId, p.index);
                              }
                            : undefined
                        }
                        onMoveDown={
                          neighbourPlace(status, 1)
                            ? () => {
                                const p = neighbourPlace(status, 1)!;
                                moveTo(status, p.groupId, p.index);
                              }
                            : undefined
                        }
                      />
                    ))}
                    {provided.placeholder}
                    {group.statuses.length === 0 && !snapshot.isDraggingOver ? (
                      <li className="flex min-h-11 items-center justify-center rounded-md border border-dashed border-border text-xs text-muted-foreground">
                        {t("emptyGroup")}
                      </li>
                    ) : null}
                  </ul>
                )}
              </Droppable>
              {isAutomatic ? null : (
                // The way to add a status without dragging it from the palette (WCAG 2.5.7).
                <Button
                  variant="ghost"
                  size="sm"
                  className="mt-1.5"
                  aria-label={t("addStatusTo", { name: group.name })}
                  data-testid="add-status"
                  onClick={() => createAt(group.id, group.statuses.length)}
                >
                  <Plus aria-hidden="true" />
                  {t("addStatus")}
                </Button>
              )}
            </section>
          ))}
        </div>
      </DragDropContext>
      {isAutomatic ? null : (
        <Button variant="outline" onClick={() => run(createGroupAction, { moduleId, name: t("newGroup"), afterId: groups.at(-1)?.id })}>
          <Plus aria-hidden="true" />
          {t("addGroup")}
        </Button>
      )}
      <RemoveStatusDialog
        key={removing?.id ?? "none"}
        status={removing}
        others={allStatuses.filter((s) => s.id !== removing?.id)}
        onClose={() => setRemoving(null)}
        onRemove={(moveToStatusId) => {
          const statusId = removing!.id;
          setRemoving(null);
          setGroups(groups.map((g) => ({ ...g, statuses: g.statuses.filter((s) => s.id !== statusId) })));
          run(removeStatusAction, { statusId, moveToStatusId }, { onError: reset });
        }}
      />
    </div>
  );
}
