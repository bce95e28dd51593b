import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requireCapability } from "@/lib/auth/actor";
import { listNewsletters, newsletterFormOptions, type NewsletterSummary } from "@/lib/newsletters/queries";
import { CancelNewsletterButton } from "./_components/cancel-button";
import { ProgressRefresh } from "./_components/progress-refresh";
import { ScheduleDialog } from "./_components/schedule-dialog";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("newsletters");
  return { title: t("title") };
}

const stateBadge = { scheduled: "info", sending: "warning", sent: "success", cancelled: "neutral", failed: "danger" } as const;

/** Newsletters (SPEC §2: email campaigns, admins and managers): schedule one, follow its progress, stop it. */
export default async function NewslettersPage() {
  const user = await requireCapability("campaigns.manage");
  const t = await getTranslations("newsletters");
  const te = await getTranslations("errors");
  const format = await getFormatter();
  const db = await getDb();
  const [list, options] = await Promise.all([listNewsletters(db, user), newsletterFormOptions(db, user)]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const now = new Date();
  const isActive = (n: NewsletterSummary) => n.state === "sending" || (n.state === "scheduled" && n.scheduledAt.getTime() <= now.getTime() + 60_000);
  const progress = (n: NewsletterSummary) =>
    n.recipientCount === null ? null : t("progress", { done: n.recipientCount - n.pendingCount, total: n.recipientCount, sent: n.sentCount });

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <PageHeader title={t("title")} description={t("description")} actions={<ScheduleDialog modules={options} />} />
      <ProgressRefresh isActive={list.some(isActive)} />
      {list.length === 0 ? (
        <EmptyState title={t("empty")} description={options.length ? t("emptyText") : t("noTemplates")} />
      ) : (
        <Table scrollLabel={t("list")} data-testid="newsletters">
          <TableHeader>
            <TableRow>
              <TableHead>{t("template")}</TableHead>
              <TableHead className="hidden sm:table-cell">{t("audience")}</TableHead>
              <TableHead className="hidden md:table-cell">{t("scheduledAt")}</TableHead>
              <TableHead>{t("state")}</TableHead>
              <TableHead>
                <span className="sr-only">{t("actions")}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.map((n) => {
              const audience = `${t(`audiences.${n.audience}`)}: ${n.audienceName ?? t("removed")}`;
              return (
                <TableRow key={n.id} data-testid="newsletter" data-state={n.state}>
                  <TableCell className="max-w-72">
                    <span className="block truncate font-medium" title={n.templateName}>
                      {n.templateName}
                    </span>
                    <span className="block truncate text-xs text-muted-foreground">{n.moduleName}</span>
                    <span className="block truncate text-xs text-muted-foreground sm:hidden">{audience}</span>
                    <span className="block text-xs text-muted-foreground md:hidden">{when(n.scheduledAt)}</span>
                  </TableCell>
                  <TableCell className="hidden max-w-64 truncate sm:table-cell">{audience}</TableCell>
                  <TableCell className="hidden whitespace-nowrap text-muted-foreground md:table-cell">{when(n.scheduledAt)}</TableCell>
                  <TableCell>
                    <span className="flex flex-col items-start gap-1">
                      <Badge variant={stateBadge[n.state]}>{t(`states.${n.state}`)}</Badge>
                      {progress(n) ? (
                        <span className="text-xs whitespace-nowrap text-muted-foreground" data-testid="newsletter-progress">
                          {progress(n)}
                        </span>
                      ) : null}
                      {n.recipientCount !== null && n.recipientCount > 0 ? (
                        <progress
                          className="h-1.5 w-24 accent-primary"
                          max={n.recipientCount}
                          value={n.recipientCount - n.pendingCount}
                          aria-label={t("progressLabel", { template: n.templateName })}
                        />
                      ) : null}
                      {n.skippedCount > 0 ? <span className="text-xs text-muted-foreground">{t("skipped", { count: n.skippedCount })}</span> : null}
                      {n.error ? <span className="text-xs text-danger">{te(n.error)}</span> : null}
                    </span>
                  </TableCell>
                  <TableCell className="text-right">
                    {n.state === "scheduled" || n.state === "sending" ? <CancelNewsletterButton newsletterId={n.id} name={n.templateName} /> : null}
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
