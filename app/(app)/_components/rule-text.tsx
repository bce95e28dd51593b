"use client";
import { useFormatter, useTranslations } from "next-intl";

/** The rules of SPEC §3.1 and the other reasons a status changes, as sentences. */
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
export function RuleText({ reason, facts }: { reason: string; facts: Record<string, unknown> }) {
  const t = useTranslations("statusWhy");
  const format = useFormatter();
  const number = (key: string) => (typeof facts[key] === "number" ? (facts[key] as number) : 0);
  const date = (key: string) => (typeof facts[key] === "string" ? format.dateTime(new Date(facts[key] as string), { dateStyle: "medium" }) : "—");
  if (!knownRules.has(reason)) return <>{reason}</>;
  return (
    <>
      {t(`rules.${reason}`, {
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
