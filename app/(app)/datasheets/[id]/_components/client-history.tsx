"use client";
import { Check, Plus, SquarePen } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { DatasheetPage, Person } from "@/lib/datasheets/page";
import { HistoryList } from "./history-list";
import { LogForm } from "./log-form";
import { ActionError, Section } from "./page-ui";
import { usePageAction } from "./page-actions";
import { TodoForm } from "./todo-form";
import { TodoList } from "./todo-list";
import { completeTodoAction, reopenTodoAction } from "../../actions";

type Open = "none" | "todo" | "log";

/** Open todos first, then the history newest first; a done todo moves across at once. */
export function ClientHistory({ page, team, now }: { page: DatasheetPage; team: Person[]; now: Date }) {
  const t = useTranslations("history");
  const tt = useTranslations("todos");
  const [open, setOpen] = useState<Open>("none");
  const [justDone, setJustDone] = useState<string | null>(null);
  const { run, error, isPending } = usePageAction();
  const datasheetId = page.datasheet.id;

  const markDone = (todo: { id: string; text: string; version: number }) =>
    run(completeTodoAction, { todoId: todo.id, version: todo.version, pageId: datasheetId }, () => {
      setJustDone(todo.text);
      setOpen("none");
    });

  return (
    <Section
      title={t("title")}
      testId="client-history"
      actions={
        <>
          <Button isPrimaryAction variant="outline" size="sm" onClick={() => setOpen(open === "todo" ? "none" : "todo")} aria-expanded={open === "todo"}>
            <Plus aria-hidden="true" />
            {tt("addTodo")}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setOpen(open === "log" ? "none" : "log")} aria-expanded={open === "log"}>
            <SquarePen aria-hidden="true" />
            {t("logActivity")}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <ActionError message={error} />
        {justDone && open !== "todo" ? (
          <Alert variant="success" role="status" data-testid="next-todo-offer">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span>{tt("doneNote", { text: justDone })}</span>
              <Button isPrimaryAction size="sm" onClick={() => setOpen("todo")}>
                <Check aria-hidden="true" />
                {tt("addNext")}
              </Button>
            </div>
          </Alert>
        ) : null}
        {open === "todo" ? (
          <TodoForm
            datasheetId={datasheetId}
            responsibleUserId={page.datasheet.responsibleUserId}
            team={team}
            autoFocus
            onDone={() => {
              setOpen("none");
              setJustDone(null);
            }}
          />
        ) : null}
        {open === "log" ? <LogForm datasheetId={datasheetId} onDone={() => setOpen("none")} /> : null}
        <TodoList
          todos={page.openTodos}
          team={team}
          now={now}
          onDone={markDone}
          isPending={isPending}
          pageId={datasheetId}
          responsibleUserId={page.datasheet.responsibleUserId}
        />
        <HistoryList
          items={page.history}
          salesStatusLabels={Object.fromEntries(page.fields.find((f) => f.key === "sales_status" && f.isSystem)?.options.map((o) => [o.key, o.label]) ?? [])}
          isPending={isPending}
          onReopen={(todoId, version) => run(reopenTodoAction, { todoId, version, pageId: datasheetId }, () => setJustDone(null))}
        />
      </div>
    </Section>
  );
}
