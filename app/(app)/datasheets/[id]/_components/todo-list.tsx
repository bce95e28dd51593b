"use client";
import { Circle, Pencil } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { PageTodo, Person } from "@/lib/datasheets/page";
import { cn } from "@/lib/ui/cn";
import { PersonChip } from "./page-ui";
import { TodoForm } from "./todo-form";

/** Open todos by deadline; overdue ones in red. The round button marks one done. */
export function TodoList(props: {
  todos: PageTodo[];
  team: Person[];
  now: Date;
  onDone: (todo: PageTodo) => void;
  isPending: boolean;
  pageId: string;
  responsibleUserId: string | null;
}) {
  const t = useTranslations("todos");
  const format = useFormatter();
  const [editingId, setEditingId] = useState<string | null>(null);
  if (!props.todos.length) return <p className="text-sm text-muted-foreground">{t("none")}</p>;
  return (
    <ul className="divide-y divide-border rounded-md border border-border" aria-label={t("open")} data-testid="open-todos">
      {props.todos.map((todo) => {
        const isOverdue = todo.dueAt.getTime() < props.now.getTime();
        if (editingId === todo.id) {
          return (
            <li key={todo.id} className="p-2">
              <TodoForm
                datasheetId={props.pageId}
                responsibleUserId={props.responsibleUserId}
                team={props.team}
                todo={todo}
                autoFocus
                onDone={() => setEditingId(null)}
              />
            </li>
          );
        }
        return (
          <li key={todo.id} className="flex items-start gap-3 px-3 py-2.5">
            <button
              type="button"
              onClick={() => props.onDone(todo)}
              disabled={props.isPending}
              aria-label={t("markDone", { text: todo.text })}
              className="mt-0.5 rounded-full text-muted-foreground outline-none hover:text-success focus-visible:outline-2 focus-visible:outline-ring disabled:opacity-50 pointer-coarse:p-1"
            >
              <Circle aria-hidden="true" className="size-5" />
            </button>
            <div className="min-w-0 flex-1 space-y-1">
              <p className="text-sm break-words whitespace-pre-line">{todo.text}</p>
              <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
                <time
                  dateTime={todo.dueAt.toISOString()}
                  className={cn(isOverdue && "font-medium text-danger")}
                  data-overdue={isOverdue || undefined}
                >
                  {isOverdue ? `${t("overdue")} · ` : ""}
                  {format.dateTime(todo.dueAt, { dateStyle: "medium", timeStyle: "short" })}
                </time>
                <PersonChip userId={todo.assigneeUserId} fallback={t("unassigned")} />
              </p>
            </div>
            <Button variant="ghost" size="icon" className="size-8" aria-label={t("edit", { text: todo.text })} onClick={() => setEditingId(todo.id)}>
              <Pencil aria-hidden="true" />
            </Button>
          </li>
        );
      })}
    </ul>
  );
}
