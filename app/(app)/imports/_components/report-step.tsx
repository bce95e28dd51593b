"use client";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ImportReport } from "@/lib/import/prepare";

export function ImportCounts({ counts }: { counts: Record<"total" | "created" | "updated" | "skipped" | "failed", number | null> }) {
  const t = useTranslations("import");
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5" data-testid="import-counts">
      {(["total", "created", "updated", "skipped", "failed"] as const).map((key) => (
        <div key={key} className="rounded-lg border px-3 py-2">
          <dt className="text-xs text-muted-foreground">{t(`counts.${key}`)}</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid={`count-${key}`}>
            {counts[key] ?? "–"}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Step 4: what the import will do, and every invalid row's number, column and reason. */
export function ReportStep({ report }: { report: ImportReport }) {
  const t = useTranslations("import");
  const tv = useTranslations("validation");
  return (
    <div className="space-y-4">
      <h2 className="text-base font-semibold">{t("reportTitle")}</h2>
      <ImportCounts counts={report} />
      {report.failed === 0 ? (
        <Alert variant="success">{t("noProblems")}</Alert>
      ) : (
        <>
          <h3 className="text-sm font-semibold">{t("problemsTitle")}</h3>
          <Table scrollLabel={t("problemsTitle")} data-testid="import-problems">
            <TableHeader>
              <TableRow>
                <TableHead>{t("row")}</TableHead>
                <TableHead>{t("column")}</TableHead>
                <TableHead>{t("reason")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.problems.map((p, i) => (
                <TableRow key={i}>
                  <TableCell className="tabular-nums">{p.rowNumber}</TableCell>
                  <TableCell>{p.column === null ? t("wholeRow") : p.header || t("columnN", { n: p.column + 1 })}</TableCell>
                  <TableCell>{tv.has(p.reason) ? tv(p.reason) : p.reason}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {report.problems.length < report.failed ? (
            <p className="text-sm text-muted-foreground">{t("problemsMore", { shown: report.problems.length })}</p>
          ) : null}
          <p className="text-sm text-muted-foreground">{t("fixMapping")}</p>
        </>
      )}
    </div>
  );
}
