"use client";
import { ArrowRightLeft, CheckCircle2, Cog, Inbox, Info, Mail, Phone, RotateCcw, StickyNote, Users } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { UserAvatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import type { HistoryKind } from "@/db/schema";
import type { PageHistoryItem } from "@/lib/datasheets/page";
import { usePerson } from "./page-ui";

const icons: Record<HistoryKind, typeof Phone> = {
  call: Phone,
  meeting: Users,
  note: StickyNote,
  email_sent: Mail,
  email_received: Inbox,
  todo_done: CheckCircle2,
  status_changed: ArrowRightLeft,
  system: Info,
};

/**
 * Who wrote an entry: the user's picture (or initials) beside the name, or for the system (an
 * automation, the daily checks) a neutral icon. A fixed size, so a picture loading moves nothing;
 * decorative, since the name is written beside it.
 */
function Author({ author, systemLabel }: { author: { name: string; src: string | null } | null; systemLabel: string }) {
  return (
    <span className="inline-flex items-center gap-1 align-top" data-testid="history-author">
      {author ? (
        <UserAvatar name={author.name} src={author.src} size="xs" decorative />
      ) : (
        <span aria-hidden="true" data-testid="history-system-icon" className="inline-flex size-5 shrink-0 items-center justify-center rounded-full bg-muted">
          <Cog className="size-3" />
        </span>
      )}
      {author?.name ?? systemLabel}
    </span>
  );
}

type Reopen = { onReopen?: (todoId: string, version: number) => void; isPending?: boolean };

function Line({ item, onReopen, isPending }: { item: PageHistoryItem } & Reopen) {
  const t = useTranslations("history");
  const format = useFormatter();
  const author = usePerson(item.authorUserId);
  const Icon = icons[item.kind];
  let text = item.body;
  if (item.kind === "status_changed") {
    text = item.fromStatus ? t("statusChanged", { from: item.fromStatus, to: item.toStatus ?? "" }) : t("statusSet", { to: item.toStatus ?? "" });
  }
  return (
    <li className="flex gap-3 py-2.5">
      <span className="mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full bg-muted text-muted-foreground">
        <Icon aria-hidden="true" className="size-3.5" />
      </span>
      <div className="min-w-0 flex-1 space-y-0.5">
        <p className="text-xs leading-5 text-muted-foreground">
          <span className="font-medium text-foreground">{t(`kinds.${item.kind}`)}</span>
          {" · "}
          <Author author={author} systemLabel={t("system")} />
          {" · "}
          <time dateTime={item.occurredAt.toISOString()} className="whitespace-nowrap">
            {format.dateTime(item.occurredAt, { dateStyle: "medium", timeStyle: "short" })}
          </time>
        </p>
        {text ? <p className="text-sm break-words whitespace-pre-line">{text}</p> : null}
      </div>
      {item.kind === "todo_done" && item.todoId && item.todoVersion && onReopen ? (
        <Button
          variant="ghost"
          size="sm"
          className="shrink-0 text-xs"
          disabled={isPending}
          aria-label={t("reopen", { text: item.body })}
          onClick={() => onReopen(item.todoId!, item.todoVersion!)}
        >
          <RotateCcw aria-hidden="true" />
        </Button>
      ) : null}
    </li>
  );
}

/** Responsible changes are stored as `system` entries with their from/to; shown in words. */
function ResponsibleLine({ item, data }: { item: PageHistoryItem; data: { fromUserId?: string | null; toUserId?: string | null } }) {
  const t = useTranslations("history");
  const to = usePerson(data.toUserId ?? null);
  return <Line item={{ ...item, body: to ? t("responsibleSet", { name: to.name }) : t("responsibleCleared") }} />;
}

/** The automatic module's Sales status set by the system, and why (a todo started the sale, the first invoice was paid). */
function SalesStatusLine({ item, data, labels }: { item: PageHistoryItem; data: { to?: string; reason?: string }; labels: Record<string, string> }) {
  const t = useTranslations("history");
  const to = labels[data.to ?? ""] ?? data.to ?? "";
  const why = data.reason === "todo_added" || data.reason === "first_invoice_paid" ? data.reason : "other";
  return <Line item={{ ...item, body: t("salesStatusSet", { to, why }) }} />;
}

export function HistoryList({
  items,
  onReopen,
  isPending,
  salesStatusLabels = {},
}: { items: PageHistoryItem[]; salesStatusLabels?: Record<string, string> } & Reopen) {
  const t = useTranslations("history");
  if (!items.length) return <p className="text-sm text-muted-foreground">{t("empty")}</p>;
  return (
    <ol className="divide-y divide-border" aria-label={t("past")} data-testid="history">
      {items.map((item) =>
        item.kind === "system" && item.data?.change === "responsible" ? (
          <ResponsibleLine key={item.id} item={item} data={item.data as { toUserId?: string | null }} />
        ) : item.kind === "system" && item.data?.change === "sales_status" ? (
          <SalesStatusLine key={item.id} item={item} data={item.data as { to?: string; reason?: string }} labels={salesStatusLabels} />
        ) : (
          <Line key={item.id} item={item} onReopen={onReopen} isPending={isPending} />
        ),
      )}
    </ol>
  );
}
