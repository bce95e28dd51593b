import Link from "next/link";
import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { barFilter, type Breakdown, type BreakdownBar, type BreakdownChoice } from "@/lib/dashboards/breakdown";
import type { DashboardPeriod } from "@/lib/dashboards/period";
import { listUrlParams } from "@/lib/views/url-format";
import { sources, type PerUser, type TeamDashboard } from "@/lib/dashboards/team";
import { BarsChart, StackedChart } from "./staircase-chart";

/** The team dashboard's cards below the staircases: people, revenue, sources and the breakdown. */

type Names = Map<string, string>;

export async function PeopleCard({
  title,
  description,
  unit,
  rows,
  names,
  testId,
}: {
  title: string;
  description: string;
  unit: string;
  rows: PerUser[];
  names: Names;
  testId: string;
}) {
  const t = await getTranslations("dashboard.team");
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <CardTitle as="h3">{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="pt-3">
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("nobody")}</p>
        ) : (
          <Table scrollLabel={title}>
            <TableHeader>
              <TableRow>
                <TableHead>{t("user")}</TableHead>
                <TableHead className="text-right">{unit}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.userId ?? "nobody"}>
                  <TableHead scope="row" className="font-normal">
                    {r.userId ? (names.get(r.userId) ?? t("formerUser")) : t("unassigned")}
                  </TableHead>
                  <TableCell className="text-right tabular-nums">{r.count}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

/** A card with a chart and its table side by side (the table is the chart's text alternative), or a line saying there is nothing yet. */
function ChartCard({
  testId,
  titleId,
  title,
  text,
  empty,
  children,
}: {
  testId: string;
  titleId: string;
  title: string;
  text: string;
  /** What to say instead of an empty chart; null when there is something to show. */
  empty: string | null;
  children: ReactNode;
}) {
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <CardTitle as="h3" id={titleId}>
          {title}
        </CardTitle>
        <CardDescription>{text}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 pt-3 lg:grid-cols-2">
        {empty === null ? children : <p className="text-sm text-muted-foreground">{empty}</p>}
      </CardContent>
    </Card>
  );
}

export async function RevenueCard({ board }: { board: TeamDashboard }) {
  const t = await getTranslations("dashboard.team");
  const format = await getFormatter();
  const month = (key: string) => format.dateTime(new Date(`${key}-15T12:00:00Z`), { year: "numeric", month: "long", timeZone: "UTC" });
  const money = (amount: string, currency: string) =>
    format.number(Number(amount), { style: "currency", currency, maximumFractionDigits: currency === "HUF" ? 0 : 2 });
  return (
    <ChartCard testId="revenue" titleId="revenue-title" title={t("revenue")} text={t("revenueText")} empty={board.revenue.length === 0 ? t("noRevenue") : null}>
      <BarsChart
        label={t("revenueLabel")}
        rows={board.revenue.map((r) => ({
          key: `${r.month}-${r.currency}`,
          name: `${month(r.month)} ${r.currency}`,
          color: "var(--primary)",
          value: Number(r.amount),
        }))}
        testId="revenue-chart"
      />
      <Table scrollLabel={t("revenue")} aria-labelledby="revenue-title">
        <TableHeader>
          <TableRow>
            <TableHead>{t("month")}</TableHead>
            <TableHead className="text-right">{t("invoices")}</TableHead>
            <TableHead className="text-right">{t("amount")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {board.revenue.map((r) => (
            <TableRow key={`${r.month}-${r.currency}`}>
              <TableHead scope="row" className="font-normal">
                {month(r.month)}
              </TableHead>
              <TableCell className="text-right tabular-nums">{r.invoices}</TableCell>
              <TableCell className="text-right tabular-nums">{money(r.amount, r.currency)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ChartCard>
  );
}

/** The list of the module filtered by a bar's value. */
function listHrefOf(moduleId: string, by: BreakdownChoice, bar: BreakdownBar): string {
  return `/modules/${moduleId}?${listUrlParams({ filter: barFilter(by, bar) })}`;
}

export async function BreakdownCard({
  result,
  choices,
  modules,
  names,
  period,
}: {
  result: Breakdown;
  choices: BreakdownChoice[];
  modules: { id: string; name: string }[];
  names: Names;
  period: DashboardPeriod;
}) {
  const t = await getTranslations("dashboard.team");
  const format = await getFormatter();
  const labelOf = (bar: BreakdownBar) => {
    if (bar.value === null) return result.by.type === "responsible" ? t("unassigned") : t("noValue");
    if (bar.label) return bar.label;
    if (result.by.type === "responsible" || result.by.type === "user") return names.get(bar.value) ?? t("formerUser");
    return format.dateTime(new Date(`${bar.value}-15T12:00:00Z`), { year: "numeric", month: "long", timeZone: "UTC" });
  };
  const choiceLabel = (c: BreakdownChoice) => (c.type === "responsible" ? t("responsible") : c.label);
  const rows = result.bars.map((bar) => ({ bar, label: labelOf(bar), href: listHrefOf(result.moduleId, result.by, bar) }));
  return (
    <Card data-testid="breakdown">
      <CardHeader>
        <CardTitle as="h3" id="breakdown-title">
          {t("breakdown")}
        </CardTitle>
        <CardDescription>{t("breakdownText")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4 pt-3">
        <form method="get" className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <input type="hidden" name="view" value="team" />
          <input type="hidden" name="period" value={period.preset} />
          {period.preset === "custom" ? (
            <>
              <input type="hidden" name="from" value={period.from} />
              <input type="hidden" name="to" value={period.to} />
            </>
          ) : null}
          <Field label={t("module")} htmlFor="breakdown-module" className="sm:w-56">
            <NativeSelect id="breakdown-module" name="bm" defaultValue={result.moduleId}>
              {modules.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field label={t("by")} htmlFor="breakdown-by" className="sm:w-56">
            <NativeSelect id="breakdown-by" name="by" defaultValue={result.by.key}>
              {choices.map((c) => (
                <option key={c.key} value={c.key}>
                  {choiceLabel(c)}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Button type="submit" variant="outline">
            {t("show")}
          </Button>
        </form>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("noDatasheets")}</p>
        ) : (
          <div className="grid gap-4 lg:grid-cols-2">
            <BarsChart
              label={t("breakdownLabel", { by: choiceLabel(result.by) })}
              rows={rows.map(({ bar, label, href }) => ({ key: bar.value ?? "none", name: label, color: "var(--primary)", value: bar.count, href }))}
              testId="breakdown-chart"
            />
            <Table scrollLabel={t("breakdown")} aria-labelledby="breakdown-title">
              <TableHeader>
                <TableRow>
                  <TableHead>{choiceLabel(result.by)}</TableHead>
                  <TableHead className="text-right">{t("count")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map(({ bar, label, href }) => (
                  <TableRow key={bar.value ?? "none"} data-testid="breakdown-row">
                    <TableHead scope="row" className="font-normal">
                      <Link href={href} className="inline-flex min-h-6 items-center underline-offset-2 hover:underline">
                        {label}
                      </Link>
                    </TableHead>
                    <TableCell className="text-right tabular-nums">{bar.count}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

export async function SourcesCard({ board }: { board: TeamDashboard }) {
  const t = await getTranslations("dashboard.team");
  const format = await getFormatter();
  const week = (monday: string) => format.dateTime(new Date(`${monday}T12:00:00Z`), { month: "short", day: "numeric", timeZone: "UTC" });
  const series = sources.map((source, i) => ({ key: source, name: t(`sources.${source}`), color: `var(--chart-${i + 1})` }));
  return (
    <ChartCard
      testId="new-by-source"
      titleId="sources-title"
      title={t("newBySource")}
      text={t("newBySourceText")}
      empty={board.newBySource.length === 0 ? t("noNew") : null}
    >
      <StackedChart
        label={t("newBySourceLabel")}
        rows={board.newBySource.map((w) => ({ name: week(w.week), ...w.counts }))}
        series={series}
        testId="sources-chart"
      />
      <Table scrollLabel={t("newBySource")} aria-labelledby="sources-title">
        <TableHeader>
          <TableRow>
            <TableHead>{t("weekOf")}</TableHead>
            {series.map((s) => (
              <TableHead key={s.key} className="text-right">
                {s.name}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {board.newBySource.map((w) => (
            <TableRow key={w.week}>
              <TableHead scope="row" className="font-normal whitespace-nowrap">
                {week(w.week)}
              </TableHead>
              {sources.map((source) => (
                <TableCell key={source} className="text-right tabular-nums">
                  {w.counts[source]}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ChartCard>
  );
}
