import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ColorChip } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Breakdown, BreakdownChoice } from "@/lib/dashboards/breakdown";
import type { TeamDashboard, TeamModule } from "@/lib/dashboards/team";
import { periodPresets, type DashboardPeriod } from "@/lib/dashboards/period";
import type { FunnelGroupRow } from "@/lib/statuses/funnel";
import { BarsChart } from "./staircase-chart";
import { BreakdownCard, PeopleCard, RevenueCard, SourcesCard } from "./team-cards";

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
            <ModuleCard key={m.id} module={m} period={board.period} />
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

async function ModuleCard({ module: m, period }: { module: TeamModule; period: DashboardPeriod }) {
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
              href={`/reports/funnel?module=${m.id}&from=${period.from}&to=${period.to}`}
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
        {m.funnel ? <FunnelGroups moduleId={m.id} moduleName={m.name} groups={m.funnel} /> : null}
      </CardContent>
    </Card>
  );
}

/** An automatic module's funnel over the period, group by group: who entered, and how many moved on. */
async function FunnelGroups({ moduleId, moduleName, groups }: { moduleId: string; moduleName: string; groups: FunnelGroupRow[] }) {
  const t = await getTranslations("dashboard.team");
  const format = await getFormatter();
  const titleId = `funnel-${moduleId}`;
  return (
    <div className="space-y-2 lg:col-span-2" data-testid="module-funnel">
      <h4 id={titleId} className="text-sm font-medium">
        {t("funnelTitle", { module: moduleName })}
      </h4>
      <Table aria-labelledby={titleId}>
        <TableHeader>
          <TableRow>
            <TableHead>{t("funnelGroup")}</TableHead>
            <TableHead className="text-right">{t("funnelEntered")}</TableHead>
            <TableHead className="text-right">{t("funnelMovedOn")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {groups.map((g) => (
            <TableRow key={g.key} data-testid={`funnel-${g.key}`}>
              <TableHead scope="row" className="font-normal">
                {g.name}
              </TableHead>
              <TableCell className="text-right tabular-nums" data-testid="entered">
                {format.number(g.entered)}
              </TableCell>
              <TableCell className="text-right tabular-nums" data-testid="moved-on">
                {g.movedOn === null
                  ? "—"
                  : g.entered
                    ? t("funnelShare", { count: format.number(g.movedOn), percent: g.movedOn / g.entered })
                    : format.number(g.movedOn)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
