"use client";
import { useFormatter, useTranslations } from "next-intl";
import { ColorChip } from "@/components/ui/badge";
import type { PageStatus, PageStatusChange } from "@/lib/datasheets/page";
import { RuleText } from "@/app/(app)/_components/rule-text";
import { usePerson, Section } from "./page-ui";

/** Who made a status change: a user, or the system and why. */
function Actor({ change }: { change: PageStatusChange }) {
  const t = useTranslations("statusWhy");
  const person = usePerson(change.actorUserId);
  if (person) return <>{person.name}</>;
  return <>{t(`system.${change.actorSystem ?? "unknown"}`)}</>;
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
            <RuleText reason={latest.reason} facts={latest.facts} />
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
                  <RuleText reason={c.reason} facts={c.facts} />
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
