"use client";
import { useFormatter, useTranslations } from "next-intl";
import { ColorChip } from "@/components/ui/badge";
import { UserAvatar } from "@/components/ui/avatar";
import type { ListField } from "@/lib/datasheets/list-columns";
import type { FieldValue } from "@/lib/fields/values";
import { cn } from "@/lib/ui/cn";
import type { ListPerson, ListStatus } from "./types";

export function StatusChip({ status }: { status: ListStatus | undefined }) {
  if (!status) return null;
  return <ColorChip color={status.color}>{status.name}</ColorChip>;
}

export function Person({ person }: { person: ListPerson | null }) {
  const t = useTranslations("clientList");
  if (!person) return <span className="text-muted-foreground">{t("nobody")}</span>;
  return (
    <span className="inline-flex min-w-0 items-center gap-1.5">
      <UserAvatar name={person.name} src={person.avatarUrl} size="xs" decorative />
      <span className="truncate">{person.name}</span>
    </span>
  );
}

export function DateText({ value, withTime = false }: { value: Date | null; withTime?: boolean }) {
  const format = useFormatter();
  if (!value) return <span className="text-muted-foreground">–</span>;
  return (
    <time dateTime={value.toISOString()} className="whitespace-nowrap tabular-nums">
      {format.dateTime(value, withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" })}
    </time>
  );
}

export function NextTodo({ todo, now }: { todo: { text: string; dueAt: Date } | null; now: number }) {
  const t = useTranslations("clientList");
  if (!todo) return <span className="text-muted-foreground">–</span>;
  const isOverdue = todo.dueAt.getTime() < now;
  return (
    <span className="flex max-w-64 min-w-0 flex-col">
      <span className="truncate" title={todo.text}>{todo.text}</span>
      <span className={cn("text-xs text-muted-foreground", isOverdue && "font-medium text-danger")}>
        <DateText value={todo.dueAt} withTime />
        {isOverdue ? <span className="sr-only"> ({t("overdue")})</span> : null}
      </span>
    </span>
  );
}

export function FieldValueText({ field, value, people }: { field: ListField; value: FieldValue | null; people: ListPerson[] }) {
  const t = useTranslations("clientList");
  const format = useFormatter();
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
    return <span className="text-muted-foreground">–</span>;
  }
  switch (field.type) {
    case "single_select":
    case "multi_select": {
      const keys = Array.isArray(value) ? value : [String(value)];
      return <span>{keys.map((k) => field.options.find((o) => o.key === k)?.label ?? k).join(", ")}</span>;
    }
    case "checkbox":
      return <span>{value ? t("yes") : t("no")}</span>;
    case "money": {
      const money = value as { amount: string; currency: string };
      return <span className="tabular-nums">{format.number(Number(money.amount), { style: "currency", currency: money.currency })}</span>;
    }
    case "number":
      return <span className="tabular-nums">{format.number(Number(value))}</span>;
    case "date":
      return <DateText value={new Date(`${String(value)}T00:00:00Z`)} />;
    case "datetime":
      return <DateText value={new Date(String(value))} withTime />;
    case "user":
      return <Person person={people.find((p) => p.id === value) ?? null} />;
    default:
      return <span className="block max-w-64 truncate">{String(value)}</span>;
  }
}
