import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { getDatasheetAutomationRuns, type DatasheetAutomationRun } from "@/lib/automations/queries";
import { Section } from "./page-ui";

const knownReasons = new Set([
  "statusChanged",
  "viewUnmatched",
  "automationOff",
  "automationTrashed",
  "stepRemoved",
  "datasheetGone",
  "stepIncomplete",
  "automationNoClientAddress",
  "automationNoUser",
  "automationAllSuppressed",
]);

const statusVariant = { done: "success", skipped: "neutral", failed: "danger", pending: "info" } as const;

/**
 * "What happens next": the automation steps planned for this datasheet (which automation, which
 * step, when) and the ones already run with their result — sent, skipped and why, failed and why.
 */
export async function WhatHappensNext({ actor, datasheetId }: { actor: Actor; datasheetId: string }) {
  const t = await getTranslations("automations.next");
  const format = await getFormatter();
  const { pending, done } = await getDatasheetAutomationRuns(await getDb(), actor, datasheetId);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const title = (run: DatasheetAutomationRun) => t("step", { automation: run.automationName, position: run.stepPosition + 1, kind: run.stepKind });
  const reason = (run: DatasheetAutomationRun) =>
    run.reason ? (knownReasons.has(run.reason) ? t(`reasons.${run.reason}`) : t("reasons.other", { code: run.reason })) : null;

  return (
    <Section title={t("title")} testId="what-happens-next">
      {pending.length === 0 && done.length === 0 ? <p className="text-sm text-muted-foreground">{t("empty")}</p> : null}
      {pending.length ? (
        <div className="space-y-1.5">
          <h3 className="text-xs font-semibold text-muted-foreground uppercase">{t("pending")}</h3>
          <ul className="space-y-2" data-testid="automation-pending">
            {pending.map((run) => (
              <li key={run.id} className="text-sm">
                <p>{title(run)}</p>
                <p className="text-xs text-muted-foreground">
                  <time dateTime={run.dueAt.toISOString()}>{t("due", { when: when(run.dueAt) })}</time>
                </p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {done.length ? (
        <div className={pending.length ? "mt-4 space-y-1.5" : "space-y-1.5"}>
          <h3 className="text-xs font-semibold text-muted-foreground uppercase">{t("done")}</h3>
          <ul className="space-y-2" data-testid="automation-done">
            {done.map((run) => (
              <li key={run.id} className="text-sm">
                <p className="flex flex-wrap items-center gap-2">
                  <Badge variant={statusVariant[run.status]}>{t(`status.${run.status}`)}</Badge>
                  <span>{title(run)}</span>
                </p>
                <p className="text-xs text-muted-foreground">
                  {run.finishedAt ? <time dateTime={run.finishedAt.toISOString()}>{when(run.finishedAt)}</time> : null}
                  {reason(run) ? ` · ${reason(run)}` : null}
                </p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Section>
  );
}
