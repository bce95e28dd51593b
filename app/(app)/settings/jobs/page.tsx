import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { JobRunStatus } from "@/db/schema";
import { requireCapability } from "@/lib/auth/actor";
import { jobsMode } from "@/lib/jobs/mode";
import { listJobRuns } from "@/lib/jobs/queries";
import { RetryForm } from "./_components/retry-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("jobs");
  return { title: t("title") };
}

const statusVariant: Record<JobRunStatus, BadgeProps["variant"]> = {
  queued: "neutral",
  running: "info",
  completed: "success",
  failed: "danger",
};

/** A stack trace's first line says what went wrong; the rest is on hover. */
function firstLine(text: string): string {
  return text.split("\n", 1)[0]!;
}

export default async function JobsPage() {
  const user = await requireCapability("settings.manage");
  const t = await getTranslations("jobs");
  const runs = await listJobRuns(user);
  const dateTime = new Intl.DateTimeFormat(user.locale === "hu" ? "hu-HU" : "en-GB", {
    dateStyle: "short",
    timeStyle: "medium",
  });

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      {jobsMode() === "inngest" ? <Alert variant="info">{t("inngestNote")}</Alert> : null}
      {runs.length === 0 ? (
        <EmptyState title={t("empty")} description={t("emptyText")} />
      ) : (
        <Table scrollLabel={t("runs")} data-testid="job-runs">
          <TableHeader>
            <TableRow>
              <TableHead>{t("job")}</TableHead>
              <TableHead>{t("status")}</TableHead>
              <TableHead className="hidden sm:table-cell">{t("attempts")}</TableHead>
              <TableHead className="hidden md:table-cell">{t("lastError")}</TableHead>
              <TableHead className="hidden lg:table-cell">{t("createdAt")}</TableHead>
              <TableHead className="hidden lg:table-cell">{t("finishedAt")}</TableHead>
              <TableHead>
                <span className="sr-only">{t("actions")}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {runs.map((run) => {
              const isRetrying = run.status === "queued" && run.lastError !== null;
              return (
                <TableRow key={run.id} data-testid="job-run" data-status={run.status}>
                  <TableCell className="max-w-64">
                    <span className="block truncate font-mono text-xs font-medium" title={run.functionId}>
                      {run.functionId}
                    </span>
                    <span className="block truncate text-xs text-muted-foreground">{run.eventName ?? t("scheduled")}</span>
                    {run.lastError ? (
                      <span className="block truncate font-mono text-xs text-muted-foreground md:hidden" title={run.lastError}>
                        {firstLine(run.lastError)}
                      </span>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <Badge variant={statusVariant[run.status]}>{t(`statuses.${run.status}`)}</Badge>
                    {isRetrying ? (
                      <span className="mt-0.5 block text-xs whitespace-nowrap text-muted-foreground">
                        {t("retryingAt", { time: dateTime.format(run.nextAttemptAt) })}
                      </span>
                    ) : null}
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap text-muted-foreground tabular-nums sm:table-cell">
                    {t("attemptsValue", { attempts: run.attempts, max: run.maxAttempts })}
                  </TableCell>
                  <TableCell className="hidden max-w-80 md:table-cell">
                    {run.lastError ? (
                      <span className="block truncate font-mono text-xs text-muted-foreground" title={run.lastError}>
                        {firstLine(run.lastError)}
                      </span>
                    ) : null}
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap text-muted-foreground lg:table-cell">
                    {dateTime.format(run.createdAt)}
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap text-muted-foreground lg:table-cell">
                    {run.finishedAt ? dateTime.format(run.finishedAt) : null}
                  </TableCell>
                  <TableCell className="text-right">
                    {run.status === "failed" ? <RetryForm runId={run.id} jobName={run.functionId} /> : null}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
