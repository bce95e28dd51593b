import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { requireCapability } from "@/lib/auth/actor";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { funnelModules, funnelReport, type FunnelReport } from "@/lib/statuses/funnel";
import { FunnelChart } from "./_components/funnel-chart";
import { FunnelForm } from "./_components/funnel-form";
import { DropOutsTable, FunnelTable } from "./_components/funnel-tables";

type Props = { searchParams: Promise<{ module?: string; from?: string; to?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("funnel");
  return { title: t("title") };
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/** SPEC §3.3: the funnel of an automatic module over a period (admins and managers, see the layout). */
export default async function FunnelPage({ searchParams }: Props) {
  const user = await requireCapability("reports.team");
  const t = await getTranslations("funnel");
  const tv = await getTranslations("validation");
  const format = await getFormatter();
  const db = await getDb();
  const choices = await funnelModules(db, user);
  const asked = await searchParams;

  if (!choices.length) {
    return (
      <div className="mx-auto max-w-5xl space-y-6">
        <PageHeader title={t("title")} description={t("description")} />
        <EmptyState title={t("noModules")} description={t("noModulesText")} />
      </div>
    );
  }

  const moduleId = one(asked.module) ?? choices[0]!.id;
  let report: FunnelReport | null = null;
  let errors: Record<string, string> = {};
  try {
    report = await funnelReport(db, user, moduleId, { from: one(asked.from), to: one(asked.to) });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (!(error instanceof ValidationError)) throw error;
    errors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, code]) => [field, tv(code)]));
  }

  const day = (text: string) => format.dateTime(new Date(`${text}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      <FunnelForm
        modules={choices}
        moduleId={moduleId}
        from={report?.period.from ?? one(asked.from) ?? ""}
        to={report?.period.to ?? one(asked.to) ?? ""}
        errors={errors}
      />
      {report ? (
        <>
          <p className="text-sm text-muted-foreground" data-testid="funnel-period">
            {t("period", { from: day(report.period.from), to: day(report.period.to), timeZone: report.timeZone })}
          </p>
          {report.statuses.every((s) => s.entered === 0) ? (
            <Alert variant="info">{t("empty")}</Alert>
          ) : (
            <FunnelChart title={t("chartTitle")} label={t("chartLabel")} rows={report.statuses.map(({ key, name, color, entered }) => ({ key, name, color, entered }))} />
          )}
          <FunnelTable report={report} />
          <DropOutsTable report={report} />
        </>
      ) : null}
    </div>
  );
}
