import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ColorChip } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Breakdown, BreakdownBar, BreakdownChoice } from "@/lib/dashboards/breakdown";
import type { DashboardPeriod } from "@/lib/dashboards/period";
import { sources, type PerUser, type TeamDashboard, type TeamModule } from "@/lib/dashboards/team";
import { periodPresets } from "@/lib/dashboards/period";
import { BarsChart, StackedChart } from "./staircase-chart";

type Names = Map<string, string>;

/** The team's figures (issue 15): the period picker, then each module's staircase, the people tables and revenue. */
export async function TeamDashboardView({
  board,
  breakdown,
  names,
  errors,
  asked,
}: {
  board: TeamDashboard | null;
  breakdown: { result: Breakdown; choices: BreakdownChoice[]; modules: { id: string; name: string }[] } | null;
  names: Names;
  errors: Record<string, string>;
  asked: { period?: string; from?: string; to?: string };
}) {
  const t = await getTranslations("dashboard.team");
  return (
    <section aria-labelledby="team-title" className="space-y-4" data-testid="team-dashboard">
      <h2 id="team-title" className="text-lg font-semibold tracking-tight">
        {t("title")}
      </h2>
      <PeriodForm
        period={board?.period.preset ?? asked.period ?? "custom"}
        from={board?.period.from ?? asked.from ?? ""}
        to={board?.period.to ?? asked.to ?? ""}
        errors={errors}
      />
      {board ? (
        <>
          {board.modules.map((m) => (
            <ModuleCard key={m.id} module={m} />
          ))}
          <div className="grid gap-4 lg:grid-cols-2">
            <PeopleCard
              title={t("overdue")}
              description={t("overdueText")}
              unit={t("todos")}
              rows={board.overdueByUser}
              names={names}
              testId="overdue-by-user"
            />
            <PeopleCard
              title={t("idle")}
              description={t("idleText")}
              unit={t("count")}
              rows={board.withoutOpenTodoByUser}
              names={names}
              testId="idle-by-user"
            />
          </div>
          <RevenueCard board={board} />
          <SourcesCard board={board} />
          {breakdown ? <BreakdownCard {...breakdown} names={names} period={board.period} /> : null}
        </>
      ) : null}
    </section>
  );
}

async function PeriodForm({ period, from, to, errors }: { period: string; from: string; to: string; errors: Record<string, string> }) {
  const t = await getTranslations("dashboard.team");
  return (
    <form
      method="get"
      className="flex flex-col gap-3 rounded-lg border border-border bg-card p-3 sm:flex-row sm:flex-wrap sm:items-end"
      data-testid="period-form"
    >
      <input type="hidden" name="view" value="team" />
      <Field label={t("period")} htmlFor="team-period" className="sm:w-48">
        <NativeSelect id="team-period" name="period" defaultValue={period}>
          {periodPresets.map((p) => (
            <option key={p} value={p}>
              {t(`periods.${p}`)}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field label={t("from")} htmlFor="team-from" error={errors.from}>
        <Input
          id="team-from"
          name="from"
          type="date"
          defaultValue={from}
          aria-invalid={!!errors.from}
          aria-describedby={describedBy("team-from", { error: errors.from })}
        />
      </Field>
      <Field label={t("to")} htmlFor="team-to" error={errors.to}>
        <Input
          id="team-to"
          name="to"
          type="date"
          defaultValue={to}
          aria-invalid={!!errors.to}
          aria-describedby={describedBy("team-to", { error: errors.to })}
        />
      </Field>
      <Button type="submit">{t("show")}</Button>
      <p className="text-xs text-muted-foreground sm:basis-full">{t("customHint")}</p>
    </form>
  );
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

async function ModuleCard({ module: m }: { module: TeamModule }) {
  const t = await getTranslations("dashboard.team");
  const statuses = m.groups.flatMap((g) => g.statuses);
  const titleId = `module-${m.id}`;
  return (
    <Card data-testid="module-staircase">
      <CardHeader className="sm:flex-row sm:items-baseline sm:justify-between">
        <div className="space-y-1">
          <CardTitle as="h3" id={titleId}>
            {m.name}
          </CardTitle>
          <CardDescription>{t("staircaseText")}</CardDescription>
        </div>
        <div className="flex gap-3 text-sm">
          <Link href={`/modules/${m.id}`} className="inline-flex min-h-6 items-center font-medium text-primary underline-offset-2 hover:underline">
            {t("openList")}
          </Link>
          {m.kind === "sales_auto" ? (
            <Link
              href={`/reports/funnel?module=${m.id}`}
              className="inline-flex min-h-6 items-center font-medium text-primary underline-offset-2 hover:underline"
            >
              {t("funnel")}
            </Link>
          ) : null}
        </div>
      </CardHeader>
      <CardContent className="grid gap-4 pt-3 lg:grid-cols-2">
        <BarsChart
          label={t("staircaseLabel", { module: m.name })}
          rows={statuses.map((s) => ({ key: s.key, name: s.name, color: s.color, value: s.count }))}
          testId="staircase-chart"
        />
        <Table aria-labelledby={titleId}>
          <TableHeader>
            <TableRow>
              <TableHead>{t("status")}</TableHead>
              <TableHead className="text-right">{t("now")}</TableHead>
              <TableHead className="text-right">{t("change")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {m.groups.map((g) => [
              <TableRow key={g.id} className="bg-muted/40">
                <TableHead scope="row" className="font-semibold">
                  <Link
                    href={`/modules/${m.id}?group=${encodeURIComponent(g.key)}`}
                    className="inline-flex min-h-6 items-center underline-offset-2 hover:underline"
                  >
                    {g.name}
                  </Link>
                </TableHead>
                <TableCell className="text-right font-semibold tabular-nums">{g.count}</TableCell>
                <TableCell className="text-right font-semibold tabular-nums">{signed(g.change)}</TableCell>
              </TableRow>,
              ...g.statuses.map((s) => (
                <TableRow key={s.id} data-testid={`status-${s.key}`}>
                  <TableHead scope="row" className="font-normal">
                    <Link
                      href={`/modules/${m.id}?status=${encodeURIComponent(s.key)}`}
                      aria-label={t("openStatus", { status: s.name, count: s.count })}
                      className="inline-flex min-h-6 items-center"
                    >
                      <ColorChip color={s.color}>{s.name}</ColorChip>
                    </Link>
                  </TableHead>
                  <TableCell className="text-right tabular-nums" data-testid="count">
                    {s.count}
                  </TableCell>
                  <TableCell className="text-right tabular-nums text-muted-foreground">{signed(s.change)}</TableCell>
                </TableRow>
              )),
            ])}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

async function PeopleCard({
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

async function RevenueCard({ board }: { board: TeamDashboard }) {
  const t = await getTranslations("dashboard.team");
  const format = await getFormatter();
  const month = (key: string) => format.dateTime(new Date(`${key}-15T12:00:00Z`), { year: "numeric", month: "long", timeZone: "UTC" });
  const money = (amount: string, currency: string) =>
    format.number(Number(amount), { style: "currency", currency, maximumFractionDigits: currency === "HUF" ? 0 : 2 });
  return (
    <Card data-testid="revenue">
      <CardHeader>
        <CardTitle as="h3" id="revenue-title">
          {t("revenue")}
        </CardTitle>
        <CardDescription>{t("revenueText")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 pt-3 lg:grid-cols-2">
        {board.revenue.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("noRevenue")}</p>
        ) : (
          <>
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
          </>
        )}
      </CardContent>
    </Card>
  );
}

/** The list of the module filtered by a bar's value, where the list has such a filter. */
function listHrefOf(moduleId: string, by: BreakdownChoice, bar: BreakdownBar): string | null {
  const list = `/modules/${moduleId}`;
  if (by.type === "responsible") return `${list}?resp=${bar.value ?? "none"}`;
  if (bar.value === null) return null;
  if (by.type === "single_select" || by.type === "multi_select") return `${list}?f.${by.key}=${encodeURIComponent(`in:${bar.value}`)}`;
  if (by.type === "date") {
    const [year, month] = bar.value.split("-").map(Number) as [number, number];
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${list}?f.${by.key}=${encodeURIComponent(`between:${bar.value}-01..${bar.value}-${String(last).padStart(2, "0")}`)}`;
  }
  // A user field or a date and time: the list has no filter for the value (yet).
  return null;
}

async function BreakdownCard({
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
                      {href ? (
                        <Link href={href} className="inline-flex min-h-6 items-center underline-offset-2 hover:underline">
                          {label}
                        </Link>
                      ) : (
                        label
                      )}
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

async function SourcesCard({ board }: { board: TeamDashboard }) {
  const t = await getTranslations("dashboard.team");
  const format = await getFormatter();
  const week = (monday: string) => format.dateTime(new Date(`${monday}T12:00:00Z`), { month: "short", day: "numeric", timeZone: "UTC" });
  const series = sources.map((source, i) => ({ key: source, name: t(`sources.${source}`), color: `var(--chart-${i + 1})` }));
  return (
    <Card data-testid="new-by-source">
      <CardHeader>
        <CardTitle as="h3" id="sources-title">
          {t("newBySource")}
        </CardTitle>
        <CardDescription>{t("newBySourceText")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 pt-3 lg:grid-cols-2">
        {board.newBySource.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("noNew")}</p>
        ) : (
          <>
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
          </>
        )}
      </CardContent>
    </Card>
  );
}
