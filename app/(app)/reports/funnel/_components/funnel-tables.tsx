import { getFormatter, getTranslations } from "next-intl/server";
import { ColorChip } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { FunnelReport } from "@/lib/statuses/funnel";

/** Per status: entered, moved on to the next group (with the share), median days; a row per group. */
export async function FunnelTable({ report }: { report: FunnelReport }) {
  const t = await getTranslations("funnel");
  const format = await getFormatter();
  const share = (count: number, of: number) => (of ? t("share", { count: format.number(count), percent: count / of }) : format.number(count));
  return (
    <Table scrollLabel={t("tableCaption")} data-testid="funnel-table">
      <caption className="sr-only">{t("tableCaption")}</caption>
      <TableHeader>
        <TableRow>
          <TableHead>{t("status")}</TableHead>
          <TableHead className="text-right">{t("entered")}</TableHead>
          <TableHead className="text-right">{t("movedOn")}</TableHead>
          <TableHead className="text-right">{t("medianDays")}</TableHead>
        </TableRow>
      </TableHeader>
      {report.groups.map((group) => (
        <TableBody key={group.key} data-testid={`funnel-group-${group.key}`}>
          <TableRow className="bg-muted/40 hover:bg-muted/40">
            <TableHead scope="rowgroup" className="font-semibold text-foreground">
              {group.name}
            </TableHead>
            <TableCell className="text-right font-medium tabular-nums">{format.number(group.entered)}</TableCell>
            <TableCell className="text-right font-medium tabular-nums">{group.movedOn === null ? t("noNext") : share(group.movedOn, group.entered)}</TableCell>
            <TableCell />
          </TableRow>
          {report.statuses
            .filter((s) => s.group === group.key)
            .map((s) => (
              <TableRow key={s.key} data-testid={`funnel-row-${s.key}`}>
                <TableHead scope="row" className="font-normal">
                  <ColorChip color={s.color}>{s.name}</ColorChip>
                </TableHead>
                <TableCell className="text-right tabular-nums" data-testid="entered">
                  {format.number(s.entered)}
                </TableCell>
                <TableCell className="text-right tabular-nums" data-testid="moved-on">
                  {s.movedOn === null ? t("noNext") : share(s.movedOn, s.entered)}
                </TableCell>
                <TableCell className="text-right tabular-nums" data-testid="median-days">
                  {s.medianDays === null ? (
                    <span className="text-muted-foreground">{s.entered ? t("noStays") : t("noNext")}</span>
                  ) : (
                    <span title={t("stays", { count: s.stays })}>{t("days", { days: s.medianDays })}</span>
                  )}
                </TableCell>
              </TableRow>
            ))}
        </TableBody>
      ))}
    </Table>
  );
}

/** "Where we lose them": each Non-customers status by the last Sales status before it. */
export async function DropOutsTable({ report }: { report: FunnelReport }) {
  const t = await getTranslations("funnel");
  const format = await getFormatter();
  const total = report.dropOuts.reduce((sum, d) => sum + d.total, 0);
  return (
    <section aria-labelledby="drop-outs-title" className="space-y-2">
      <h2 id="drop-outs-title" className="text-base font-semibold">
        {t("dropOutsTitle")}
      </h2>
      <p className="text-sm text-muted-foreground">{t("dropOutsDescription")}</p>
      {total === 0 ? (
        <p className="text-sm text-muted-foreground">{t("noDropOuts")}</p>
      ) : (
        <Table scrollLabel={t("dropOutsCaption")} data-testid="drop-outs">
          <caption className="sr-only">{t("dropOutsCaption")}</caption>
          <TableHeader>
            <TableRow>
              <TableHead>{t("status")}</TableHead>
              <TableHead className="text-right">{t("total")}</TableHead>
              <TableHead>{t("lastSales")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.dropOuts
              .filter((d) => d.total > 0)
              .map((d) => (
                <TableRow key={d.key} data-testid={`drop-out-${d.key}`}>
                  <TableHead scope="row" className="font-normal">
                    <ColorChip color={d.color}>{d.name}</ColorChip>
                  </TableHead>
                  <TableCell className="text-right tabular-nums">{format.number(d.total)}</TableCell>
                  <TableCell>
                    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                      {d.lastSales.map((s) => (
                        <li key={s.key ?? "none"}>
                          {s.name ?? t("neverInSales")}: <span className="font-medium tabular-nums">{format.number(s.count)}</span>
                        </li>
                      ))}
                    </ul>
                  </TableCell>
                </TableRow>
              ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
