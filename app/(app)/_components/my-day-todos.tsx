"use client";
import { Check, Circle } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { MyDay, MyDayTodo, TodoSection } from "@/lib/dashboards/my-day";
import type { Person } from "@/lib/datasheets/page";
import { cn } from "@/lib/ui/cn";
import { completeTodoAction } from "../datasheets/actions";
import { ActionError } from "../datasheets/[id]/_components/page-ui";
import { usePageAction } from "../datasheets/[id]/_components/page-actions";
import { TodoForm } from "../datasheets/[id]/_components/todo-form";

const sections: TodoSection[] = ["overdue", "today", "upcoming"];

/**
 * My todos by section. The round button marks one done; then, as on the datasheet, the next todo
 * for that client is one click away (the brief: after finishing a todo, always add the next one).
 */
export function MyDayTodos({ todos, team }: { todos: MyDay["todos"]; team: Person[] }) {
  const t = useTranslations("dashboard.todos");
  const td = useTranslations("dashboard");
  const router = useRouter();
  const { run, error, isPending } = usePageAction();
  const [justDone, setJustDone] = useState<MyDayTodo | null>(null);
  const [addingNext, setAddingNext] = useState(false);

  const markDone = (todo: MyDayTodo) =>
    run(completeTodoAction, { todoId: todo.id, version: todo.version, pageId: todo.datasheetId }, () => {
      setJustDone(todo);
      setAddingNext(false);
      router.refresh();
    });

  const isEmpty = sections.every((s) => todos[s].total === 0);
  return (
    <section aria-labelledby="my-day-todos" className="space-y-3" data-testid="my-day-todos">
      <h2 id="my-day-todos" className="text-lg font-semibold tracking-tight">
        {td("myDay")}
      </h2>
      <ActionError message={error} />
      {justDone ? (
        <Alert variant="success" role="status" data-testid="next-todo-offer">
          <div className="space-y-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span>{t("doneNote", { text: justDone.text, client: justDone.businessName })}</span>
              <span className="flex gap-2">
                {!addingNext ? (
                  <Button isPrimaryAction size="sm" onClick={() => setAddingNext(true)}>
                    <Check aria-hidden="true" />
                    {t("addNext")}
                  </Button>
                ) : null}
                <Button size="sm" variant="ghost" onClick={() => setJustDone(null)}>
                  {t("dismiss")}
                </Button>
              </span>
            </div>
            {addingNext ? (
              <div className="rounded-md border border-border bg-background p-3 text-foreground">
                <p className="mb-2 text-sm font-medium">{t("nextFor", { client: justDone.businessName })}</p>
                <TodoForm
                  datasheetId={justDone.datasheetId}
                  responsibleUserId={justDone.responsibleUserId}
                  team={team}
                  autoFocus
                  onDone={() => {
                    setJustDone(null);
                    setAddingNext(false);
                    router.refresh();
                  }}
                />
              </div>
            ) : null}
          </div>
        </Alert>
      ) : null}
      {isEmpty ? (
        <p className="rounded-lg border border-dashed border-border px-4 py-6 text-center text-sm text-muted-foreground">{t("allClear")}</p>
      ) : (
        <div className="grid gap-4 lg:grid-cols-3">
          {sections.map((section) => (
            <TodoCard key={section} section={section} todos={todos[section]} onDone={markDone} isPending={isPending} />
          ))}
        </div>
      )}
    </section>
  );
}

function TodoCard(props: { section: TodoSection; todos: MyDay["todos"][TodoSection]; onDone: (todo: MyDayTodo) => void; isPending: boolean }) {
  const t = useTranslations("dashboard.todos");
  const format = useFormatter();
  const { section, todos } = props;
  const titleId = `todos-${section}`;
  return (
    <Card data-testid={`todos-${section}`}>
      <CardHeader className="flex-row items-baseline justify-between">
        <CardTitle as="h3" id={titleId}>
          {t(section)}
        </CardTitle>
        <span className={cn("text-sm tabular-nums", section === "overdue" && todos.total > 0 ? "font-medium text-danger" : "text-muted-foreground")}>
          {t("count", { count: todos.total })}
        </span>
      </CardHeader>
      <CardContent className="pt-3">
        {todos.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("none")}</p>
        ) : (
          <ul className="divide-y divide-border" aria-labelledby={titleId}>
            {todos.items.map((todo) => (
              <li key={todo.id} className="flex items-start gap-2.5 py-2">
                <button
                  type="button"
                  onClick={() => props.onDone(todo)}
                  disabled={props.isPending}
                  aria-label={t("markDone", { text: todo.text })}
                  className="mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full text-muted-foreground outline-none hover:text-success focus-visible:outline-2 focus-visible:outline-ring disabled:opacity-50"
                >
                  <Circle aria-hidden="true" className="size-5" />
                </button>
                <div className="min-w-0 flex-1">
                  <p className="text-sm break-words">{todo.text}</p>
                  <p className="flex flex-wrap gap-x-2 text-xs text-muted-foreground">
                    <Link
                      href={`/datasheets/${todo.datasheetId}`}
                      className="inline-flex min-h-6 items-center font-medium text-foreground underline-offset-2 hover:underline"
                    >
                      {todo.businessName}
                    </Link>
                    <span className="inline-flex min-h-6 items-center">{todo.moduleName}</span>
                    <time
                      dateTime={todo.dueAt.toISOString()}
                      className={cn("inline-flex min-h-6 items-center", section === "overdue" && "font-medium text-danger")}
                    >
                      {section === "upcoming"
                        ? format.dateTime(todo.dueAt, { weekday: "short", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" })
                        : null}
                      {section === "today" ? format.dateTime(todo.dueAt, { hour: "2-digit", minute: "2-digit" }) : null}
                      {section === "overdue" ? format.dateTime(todo.dueAt, { dateStyle: "medium", timeStyle: "short" }) : null}
                    </time>
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
        {todos.total > todos.items.length ? (
          <p className="pt-2 text-xs text-muted-foreground">{t("more", { shown: todos.items.length, total: todos.total })}</p>
        ) : null}
      </CardContent>
    </Card>
  );
}
