"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { fieldErrorsOf, SelectField, TextAreaField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { PageTodo, Person } from "@/lib/datasheets/page";
import { formatName, type Locale } from "@/lib/users/names";
import { addTodoAction, updateTodoAction } from "../../actions";
import { localInputValue } from "./local-dates";
import { ActionError } from "./page-ui";
import { useRefreshingAction, type ServerAction } from "./page-actions";

/** Tomorrow at 9:00, the usual "call them back" time. */
function defaultDue(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  return localInputValue(d);
}

/**
 * The user picks a local date and time; the form sends the instant (with its offset), so the
 * deadline means the same moment for a colleague in another time zone.
 */
export function DateTimeField({
  name,
  label,
  errors,
  defaultValue,
  required,
  untouchedIsNow,
}: {
  name: string;
  label: string;
  errors: Record<string, string> | undefined;
  defaultValue: string;
  required?: boolean;
  /** The default shows the current minute, but a time the user did not touch is sent as nothing: "now", to the millisecond. */
  untouchedIsNow?: boolean;
}) {
  const t = useTranslations("validation");
  const [local, setLocal] = useState(defaultValue);
  const [touched, setTouched] = useState(false);
  const error = errors?.[name] ? t(errors[name]!) : undefined;
  const instant = untouchedIsNow && !touched ? "" : local && !Number.isNaN(new Date(local).getTime()) ? new Date(local).toISOString() : "";
  return (
    <Field label={label} htmlFor={`${name}-local`} error={error} required={required}>
      <Input
        id={`${name}-local`}
        type="datetime-local"
        value={local}
        onChange={(e) => {
          setLocal(e.target.value);
          setTouched(true);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(`${name}-local`, { error })}
      />
      <input type="hidden" name={name} value={instant} />
    </Field>
  );
}

/** A new todo, or (with `todo`) the edit of an open one, checked against the version it was opened on. */
export function TodoForm(props: {
  datasheetId: string;
  responsibleUserId: string | null;
  team: Person[];
  onDone: () => void;
  autoFocus?: boolean;
  todo?: PageTodo;
}) {
  const t = useTranslations("todos");
  const locale = useLocale() as Locale;
  const { todo } = props;
  const save = (todo ? updateTodoAction : addTodoAction) as ServerAction<unknown>;
  const action = useRefreshingAction(save, props.onDone);
  const { state, onSubmit, isPending } = useFormAction(async () => (await import("@/lib/todos/schemas"))[todo ? "updateTodoSchema" : "addTodoSchema"], action);
  const errors = fieldErrorsOf(state);
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-md border border-border bg-muted/40 p-3" noValidate data-testid="todo-form">
      <ActionError state={state} />
      <input type="hidden" name="datasheetId" value={props.datasheetId} />
      {todo ? (
        <>
          <input type="hidden" name="todoId" value={todo.id} />
          <input type="hidden" name="version" value={todo.version} />
          <input type="hidden" name="pageId" value={props.datasheetId} />
        </>
      ) : null}
      <TextAreaField name="text" label={t("text")} errors={errors} rows={2} required maxLength={2000} autoFocus={props.autoFocus} defaultValue={todo?.text} />
      <div className="grid gap-3 sm:grid-cols-2">
        <DateTimeField name="dueAt" label={t("deadline")} errors={errors} defaultValue={todo ? localInputValue(todo.dueAt) : defaultDue()} required />
        <SelectField name="assigneeUserId" label={t("assignee")} errors={errors} defaultValue={(todo ? todo.assigneeUserId : props.responsibleUserId) ?? ""}>
          <option value="">{t("assigneeDefault")}</option>
          {props.team.map((p) => (
            <option key={p.id} value={p.id}>
              {formatName(p, locale)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" size="sm" onClick={props.onDone}>
          {t("cancel")}
        </Button>
        <Button isPrimaryAction type="submit" size="sm" disabled={isPending}>
          {todo ? t("save") : t("add")}
        </Button>
      </div>
    </form>
  );
}
