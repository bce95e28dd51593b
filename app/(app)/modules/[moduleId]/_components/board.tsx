"use client";
import { DragDropContext, Draggable, Droppable, type DropResult } from "@hello-pangea/dnd";
import { ArrowRightLeft, GripVertical } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useRunAction } from "@/components/forms/use-run-action";
import { deferred } from "@/components/ui/deferred";
import { cn } from "@/lib/ui/cn";
import { changeStatusAction } from "../../assignment-actions";
import type { CardStatusMenuProps, StatusChoiceGroup } from "./card-status-menu";
import { NextTodo, Person } from "./cells";
import type { ClientRow } from "./types";

const CardStatusMenu = deferred<CardStatusMenuProps>(() => import("./card-status-menu"), "menu");

/** A card's two small controls: the drag handle and the status menu. */
const cardControl =
  "inline-flex size-7 shrink-0 items-center justify-center rounded text-muted-foreground outline-none hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring pointer-coarse:size-10";

export interface BoardColumnData {
  id: string;
  key: string;
  name: string;
  color: string;
  count: number;
  /** Where "show more" leads: the list filtered to this status. */
  moreHref: string;
  cards: ClientRow[];
}

export interface BoardGroupData {
  id: string;
  name: string;
  columns: BoardColumnData[];
}

function moveCard(groups: BoardGroupData[], cardId: string, toStatusId: string, index: number): BoardGroupData[] {
  const card = groups.flatMap((g) => g.columns.flatMap((c) => c.cards)).find((c) => c.id === cardId);
  if (!card) return groups;
  return groups.map((g) => ({
    ...g,
    columns: g.columns.map((c) => {
      const without = c.cards.filter((x) => x.id !== cardId);
      const hadIt = without.length !== c.cards.length;
      if (c.id !== toStatusId) return hadIt ? { ...c, cards: without, count: c.count - 1 } : c;
      const cards = [...without];
      cards.splice(index, 0, { ...card, statusId: toStatusId });
      return { ...c, cards, count: hadIt ? c.count : c.count + 1 };
    }),
  }));
}

function withVersion(groups: BoardGroupData[], cardId: string, version: number): BoardGroupData[] {
  return groups.map((g) => ({
    ...g,
    columns: g.columns.map((c) => (c.cards.some((x) => x.id === cardId) ? { ...c, cards: c.cards.map((x) => (x.id === cardId ? { ...x, version } : x)) } : c)),
  }));
}

/**
 * The kanban board: a column per status, in its colour, grouped. Dropping a card in another
 * column changes its status with the version the card was shown with; if someone changed the
 * datasheet meanwhile, the card snaps back and the message says who.
 */
export function Board({ groups: serverGroups, isDraggable, now }: { groups: BoardGroupData[]; isDraggable: boolean; now: number }) {
  const t = useTranslations("board");
  const router = useRouter();
  // One move at a time: the next one needs the version the previous one saved.
  const { run, error, setError, isPending } = useRunAction();
  // The optimistic board; a new server render (router.refresh) replaces it.
  const [state, setState] = useState({ source: serverGroups, groups: serverGroups });
  const groups = state.source === serverGroups ? state.groups : serverGroups;
  const setGroups = (next: BoardGroupData[]) => setState({ source: serverGroups, groups: next });

  const statusChoices: StatusChoiceGroup[] = groups.map((g) => ({
    id: g.id,
    name: g.name,
    statuses: g.columns.map((c) => ({ id: c.id, name: c.name, color: c.color })),
  }));

  /** Moves the card at once and saves; a refused change puts it back and says why. */
  function move(card: ClientRow, toStatusId: string, index: number) {
    const before = groups;
    const moved = moveCard(groups, card.id, toStatusId, index);
    setGroups(moved);
    run(
      changeStatusAction,
      { datasheetId: card.id, statusId: toStatusId, version: String(card.version) },
      {
        onOk: (saved) => {
          // Until the refreshed board arrives, the card carries the version just saved.
          setGroups(withVersion(moved, card.id, saved.version));
          router.refresh();
        },
        onError: () => {
          setGroups(before);
          router.refresh();
        },
      },
    );
  }

  function onDragEnd({ source, destination, draggableId }: DropResult) {
    // The automatic module: its columns take no drop (the status follows the facts). Whatever the
    // card was dragged towards, it stays, and the message says what does move it.
    if (!isDraggable) return setError(t("automaticRefused"));
    if (!destination || source.droppableId === destination.droppableId) return;
    const card = groups.flatMap((g) => g.columns.flatMap((c) => c.cards)).find((c) => c.id === draggableId);
    if (card) move(card, destination.droppableId, destination.index);
  }

  const columns = (
    // Relative: screen-reader-only texts (absolutely placed) stay inside the scrolling region
    // instead of widening the page.
    <div className="relative flex gap-4 overflow-x-auto pb-3" role="region" aria-label={t("columns")} tabIndex={0}>
      {groups.map((group) => (
        <section key={group.id} aria-label={group.name} className="flex shrink-0 flex-col gap-2">
          <h2 className="px-1 text-xs font-semibold tracking-wide text-muted-foreground uppercase">{group.name}</h2>
          <div className="flex gap-3">
            {group.columns.map((column) => (
              <Droppable key={column.id} droppableId={column.id} isDropDisabled={!isDraggable}>
                {(drop, dropState) => (
                  <div
                    className={cn(
                      "flex w-64 shrink-0 flex-col rounded-lg border border-border bg-muted/40",
                      dropState.isDraggingOver && "border-primary/50 bg-primary/5",
                    )}
                    data-testid={`board-column-${column.key}`}
                  >
                    <div className="flex items-center gap-2 rounded-t-lg border-b border-border px-3 py-2" style={{ borderTop: `3px solid ${column.color}` }}>
                      <h3 className="min-w-0 flex-1 truncate text-sm font-medium">{column.name}</h3>
                      <span className="text-xs text-muted-foreground tabular-nums" aria-label={t("count", { count: column.count })}>
                        {column.count}
                      </span>
                    </div>
                    <ul ref={drop.innerRef} {...drop.droppableProps} className="flex min-h-24 flex-1 flex-col gap-2 p-2" aria-label={column.name}>
                      {column.cards.map((card, index) => (
                        <Draggable key={card.id} draggableId={card.id} index={index} isDragDisabled={isPending}>
                          {(drag, dragState) => (
                            <li
                              ref={drag.innerRef}
                              {...drag.draggableProps}
                              className={cn(
                                "flex gap-1 rounded-md border border-border bg-card p-2 text-sm shadow-xs",
                                dragState.isDragging && "shadow-lg ring-1 ring-ring",
                              )}
                              data-testid="board-card"
                            >
                              {/* In the automatic module a drop is refused with its reason; the handle stays, so the card can be tried. */}
                              <span
                                {...drag.dragHandleProps}
                                role="button"
                                aria-label={t("move", { name: card.businessName })}
                                data-testid="card-handle"
                                className={cn(cardControl, "cursor-grab touch-none")}
                              >
                                <GripVertical aria-hidden="true" className="size-4" />
                              </span>
                              <div className="min-w-0 flex-1 space-y-1">
                                <Link href={`/datasheets/${card.id}`} className="block font-medium break-words underline-offset-4 hover:underline">
                                  {card.businessName}
                                </Link>
                                <div className="text-xs text-muted-foreground">
                                  <Person person={card.responsible} />
                                </div>
                                {card.nextTodo ? (
                                  <div className="text-xs">
                                    <NextTodo todo={card.nextTodo} now={now} />
                                  </div>
                                ) : null}
                              </div>
                              {isDraggable ? (
                                <CardStatusMenu
                                  groups={statusChoices}
                                  statusId={card.statusId}
                                  onChoose={(statusId) => move(card, statusId, 0)}
                                  trigger={
                                    <button
                                      type="button"
                                      disabled={isPending}
                                      aria-label={t("changeStatus", { name: card.businessName })}
                                      data-testid="card-status-menu"
                                      className={cn(cardControl, "disabled:opacity-50")}
                                    >
                                      <ArrowRightLeft aria-hidden="true" className="size-4" />
                                    </button>
                                  }
                                />
                              ) : null}
                            </li>
                          )}
                        </Draggable>
                      ))}
                      {drop.placeholder}
                    </ul>
                    {column.count > column.cards.length ? (
                      <Link href={column.moreHref} className="border-t border-border px-3 py-2 text-sm text-primary underline-offset-4 hover:underline">
                        {t("showMore", { count: column.count - column.cards.length })}
                      </Link>
                    ) : null}
                  </div>
                )}
              </Droppable>
            ))}
          </div>
        </section>
      ))}
    </div>
  );

  return (
    <div className="space-y-3">
      {!isDraggable ? <p className="text-sm text-muted-foreground">{t("automaticNote")}</p> : null}
      {error ? (
        <p role="alert" className="text-sm text-danger" data-testid="board-error">
          {error}
        </p>
      ) : null}
      <DragDropContext onDragEnd={onDragEnd} dragHandleUsageInstructions={t("dragHint")}>
        {columns}
      </DragDropContext>
    </div>
  );
}
