"use client";
import { useFormatter, useTranslations } from "next-intl";
import { ColorChip } from "@/components/ui/badge";
import type { PageStatus, PageStatusChange } from "@/lib/datasheets/page";
import { usePerson, Section } from "./page-ui";

/** Who made a status change: a user, or the system and why. */
function Actor({ change }: { change: PageStatusChange }) {
  const t = useTranslations("statusWhy");
  const person = usePerson(change.actorUserId);
  if (person) return <>{person.name}</>;
  return <>{t(`system.${change.actorSystem ?? "unknown"}`)}</>;
}

const knownRules = new Set([
  "new_inquiry",
  "todo_open",
  "todo_done",
  "serious_prospect",
  "no_contact",
  "closed_won_one_time",
  "closed_won_returning",
  "closed_won_regular",
  "closed_lost",
  "unreachable",
  "no_engagement",
  "subscriber",
  "purchased_list",
  "created",
  "manual",
  "status_removed",
]);

/** The rule's sentence with the facts it saw ("3 todos done and Qualification: Target group"). */
function Reason({ change }: { change: PageStatusChange }) {
  const t = useTranslations("statusWhy");
  const format = useFormatter();
  const facts = change.facts;
  const number = (key: string) => (typeof facts[key] === "number" ? (facts[key] as number) : 0);
  const date = (key: string) => (typeof facts[key] === "string" ? format.dateTime(new Date(facts[key] as string), { dateStyle: "medium" }) : "—");
  if (!knownRules.has(change.reason)) return <>{change.reason}</>;
  return (
    <>
      {t(`rules.${change.reason}`, {
        doneTodos: number("doneTodos"),
        openTodos: number("openTodos"),
        forgottenDays: number("forgottenDays"),
        inactiveDays: number("inactiveDays"),
        paidInvoices: number("paidInvoices"),
        paidMonths: number("paidMonthsInWindow"),
        lastContact: date("lastContactAt"),
        removedStatus: typeof facts.removedStatusName === "string" ? facts.removedStatusName : "",
      })}
    </>
  );
}

/**
 * "Why is it here?": the automatic module's status with the rule that put it there, the facts it
 * saw, and who or what changed it and when; the whole status history below.
 */
export function StatusWhy({ status, changes }: { status: PageStatus; changes: PageStatusChange[] }) {
  const t = useTranslations("statusWhy");
  const format = useFormatter();
  const [latest, ...earlier] = changes;
  return (
    <Section title={t("title")} testId="status-why">
      {latest ? (
        <div className="space-y-1.5">
          <p className="flex flex-wrap items-center gap-2">
            <ColorChip color={status.color}>{status.name}</ColorChip>
            <span className="text-xs text-muted-foreground">{status.groupName}</span>
          </p>
          <p className="text-sm" data-testid="status-reason">
            <Reason change={latest} />
          </p>
          <p className="text-xs text-muted-foreground">
            <Actor change={latest} />
            {" · "}
            <time dateTime={latest.at.toISOString()}>{format.dateTime(latest.at, { dateStyle: "medium", timeStyle: "short" })}</time>
          </p>
        </div>
      ) : null}
      {earlier.length ? (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-xs font-medium text-muted-foreground">{t("history", { count: changes.length })}</summary>
          <ol className="mt-2 space-y-2 border-l border-border pl-3" aria-label={t("historyLabel")}>
            {changes.map((c) => (
              <li key={c.id} className="space-y-0.5">
                <p className="text-xs">
                  <span className="font-medium">{c.from ? t("moved", { from: c.from.name, to: c.to.name }) : t("started", { to: c.to.name })}</span>
                  {" · "}
                  <Reason change={c} />
                </p>
                <p className="text-xs text-muted-foreground">
                  <Actor change={c} />
                  {" · "}
                  <time dateTime={c.at.toISOString()}>{format.dateTime(c.at, { dateStyle: "medium", timeStyle: "short" })}</time>
                </p>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </Section>
  );
}
