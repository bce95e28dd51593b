import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { datasheets, modules, statusGroups, statuses, workspaces } from "@/db/schema";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { visibleDatasheetOf, visibleDatasheets } from "@/lib/datasheets/access";
import { rowsOf } from "@/lib/db/sql";
import { ValidationError } from "@/lib/errors";
import { funnelOf, type FunnelGroupRow } from "@/lib/statuses/funnel";
import { dashboardPeriod, type DashboardPeriod } from "./period";

/*
 * The team dashboard (issue 15, SPEC §2: admins and managers): per module the staircase — each
 * status's datasheets now and their change over the period; overdue todos per user; datasheets
 * without an open todo per responsible user; revenue from paid invoices per month; the automatic
 * modules' funnels over the period. Every figure is
 * one SQL aggregate over the workspace's datasheets the actor may see (never the trash).
 */

/** Groups whose clients need no next step: a closed deal, a client who dropped out. */
const FINISHED_GROUPS = ["closed", "non_customers"];

export interface TeamStatus {
  id: string;
  key: string;
  name: string;
  color: string;
  /** Datasheets in it now. */
  count: number;
  /** Came in minus went out during the period (created in it counts as came in). */
  change: number;
}

export interface TeamModule {
  id: string;
  name: string;
  kind: string;
  groups: { id: string; key: string; name: string; count: number; change: number; statuses: TeamStatus[] }[];
  /** An automatic module's funnel over the period, group by group (lib/statuses/funnel.ts); null for the others. */
  funnel: FunnelGroupRow[] | null;
}

export interface PerUser {
  /** Null: nobody. */
  userId: string | null;
  count: number;
}

export interface RevenueMonth {
  /** `YYYY-MM` in the workspace's zone. */
  month: string;
  currency: string;
  /** Exact decimal text. */
  amount: string;
  invoices: number;
}

/** Where new datasheets came from: the automatic module's Entry, an import, the API, or made in the app. */
export const sources = ["inquiry", "subscriber", "list", "import", "api", "app"] as const;
export type Source = (typeof sources)[number];

export interface SourceWeek {
  /** The Monday the week starts on, `YYYY-MM-DD`, in the workspace's zone. */
  week: string;
  counts: Record<Source, number>;
}

export interface TeamDashboard {
  timeZone: string;
  period: DashboardPeriod;
  modules: TeamModule[];
  overdueByUser: PerUser[];
  withoutOpenTodoByUser: PerUser[];
  revenue: RevenueMonth[];
  newBySource: SourceWeek[];
}

export async function teamDashboard(
  conn: Conn,
  actor: UserActor,
  input: { period?: string; from?: string; to?: string } = {},
  now = new Date(),
): Promise<TeamDashboard> {
  assertCan(actor, "reports.team");
  const [workspace] = await conn.select({ timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, actor.workspaceId));
  const timeZone = workspace?.timeZone ?? "Europe/Budapest";
  const asked = dashboardPeriod(input, now, timeZone);
  if (!asked.ok) throw new ValidationError({ [asked.field]: asked.error });
  const { period } = asked;
  const [tally, overdueByUser, revenue, newBySource] = await Promise.all([
    datasheetTally(conn, actor),
    overdueTodos(conn, actor, now),
    revenueByMonth(conn, actor, period, timeZone),
    newDatasheetsBySource(conn, actor, period, timeZone),
  ]);
  const modules = await staircases(conn, actor, period, tally);
  const withoutOpenTodoByUser = withoutOpenTodo(modules, tally);
  // The automatic modules' funnels over the same days (each its own short transaction).
  for (const staircase of modules) {
    if (staircase.kind !== "sales_auto") continue;
    staircase.funnel = (await funnelOf(conn, actor, staircase.id, { from: period.from, to: period.to }, now)).groups;
  }
  return { timeZone, period, modules, overdueByUser, withoutOpenTodoByUser, revenue, newBySource };
}

/** The visible datasheets counted by status, responsible user, and whether they have an open todo: one pass for the staircase and the idle table. */
type Tally = { statusId: string; userId: string | null; idle: boolean; count: number }[];

async function datasheetTally(conn: Conn, actor: UserActor): Promise<Tally> {
  const rows = await rowsOf<{ status_id: string; user_id: string | null; idle: boolean; count: number }>(
    conn,
    sql`
      select ${datasheets.statusId} as status_id, ${datasheets.responsibleUserId} as user_id, (${datasheets.nextTodoId} is null) as idle, count(*)::int as count
        from ${datasheets}
       where ${visibleDatasheets(actor)}
       group by 1, 2, 3`,
  );
  return rows.map((r) => ({ statusId: r.status_id, userId: r.user_id, idle: r.idle === true || String(r.idle) === "true", count: Number(r.count) }));
}

async function staircases(conn: Conn, actor: UserActor, period: DashboardPeriod, tally: Tally): Promise<TeamModule[]> {
  const [statusRows, changes] = await Promise.all([
    conn
      .select({
        moduleId: modules.id,
        moduleName: modules.name,
        kind: modules.kind,
        groupId: statusGroups.id,
        groupKey: statusGroups.key,
        groupName: statusGroups.name,
        id: statuses.id,
        key: statuses.key,
        name: statuses.name,
        color: statuses.color,
      })
      .from(statuses)
      .innerJoin(statusGroups, eq(statusGroups.id, statuses.groupId))
      .innerJoin(modules, eq(modules.id, statuses.moduleId))
      .where(and(eq(modules.workspaceId, actor.workspaceId), isNull(modules.archivedAt)))
      .orderBy(asc(modules.position), asc(modules.id), asc(statusGroups.position), asc(statusGroups.id), asc(statuses.position), asc(statuses.id)),
    // Each move in the period: +1 to where it went, -1 to where it came from.
    rowsOf<{ status_id: string; change: number }>(
      conn,
      sql`
        select m.status_id, sum(m.delta)::int as change
          from status_changes sc
          cross join lateral (values (sc.to_status_id, 1), (sc.from_status_id, -1)) as m(status_id, delta)
         where sc.workspace_id = ${actor.workspaceId}
           and sc.at >= ${period.start.toISOString()}::timestamptz and sc.at < ${period.end.toISOString()}::timestamptz
           and m.status_id is not null
           and ${visibleDatasheetOf(actor, sql`sc.datasheet_id`)}
         group by m.status_id`,
    ),
  ]);
  const countOf = new Map<string, number>();
  for (const t of tally) countOf.set(t.statusId, (countOf.get(t.statusId) ?? 0) + t.count);
  const changeOf = new Map(changes.map((c) => [c.status_id, Number(c.change)]));
  const byModule = new Map<string, TeamModule>();
  for (const row of statusRows) {
    let entry = byModule.get(row.moduleId);
    if (!entry) {
      entry = { id: row.moduleId, name: row.moduleName, kind: row.kind, groups: [], funnel: null };
      byModule.set(row.moduleId, entry);
    }
    let group = entry.groups.at(-1);
    if (!group || group.id !== row.groupId) {
      group = { id: row.groupId, key: row.groupKey, name: row.groupName, count: 0, change: 0, statuses: [] };
      entry.groups.push(group);
    }
    const status: TeamStatus = {
      id: row.id,
      key: row.key,
      name: row.name,
      color: row.color,
      count: countOf.get(row.id) ?? 0,
      change: changeOf.get(row.id) ?? 0,
    };
    group.statuses.push(status);
    group.count += status.count;
    group.change += status.change;
  }
  return [...byModule.values()];
}

const byCountThenUser = (rows: { user_id: string | null; count: number }[]): PerUser[] =>
  rows.map((r) => ({ userId: r.user_id, count: Number(r.count) })).sort((a, b) => b.count - a.count || String(a.userId).localeCompare(String(b.userId)));

/** Open todos past their deadline, per assignee (null: nobody). */
async function overdueTodos(conn: Conn, actor: UserActor, now: Date): Promise<PerUser[]> {
  const rows = await rowsOf<{ user_id: string | null; count: number }>(
    conn,
    sql`
      select t.assignee_user_id as user_id, count(*)::int as count
        from todos t
       where t.workspace_id = ${actor.workspaceId} and t.done_at is null and t.due_at < ${now.toISOString()}::timestamptz
         and ${visibleDatasheetOf(actor, sql`t.datasheet_id`)}
       group by t.assignee_user_id`,
  );
  return byCountThenUser(rows);
}

/**
 * Datasheets with no open todo, per responsible user, in the modules the dashboard shows (not an
 * archived one's), leaving out closed deals and clients who dropped out.
 */
function withoutOpenTodo(modules: TeamModule[], tally: Tally): PerUser[] {
  const open = new Set(modules.flatMap((m) => m.groups.filter((g) => !FINISHED_GROUPS.includes(g.key)).flatMap((g) => g.statuses.map((st) => st.id))));
  const perUser = new Map<string | null, number>();
  for (const t of tally) if (t.idle && open.has(t.statusId)) perUser.set(t.userId, (perUser.get(t.userId) ?? 0) + t.count);
  return byCountThenUser([...perUser].map(([user_id, count]) => ({ user_id, count })));
}

/** Paid invoices in the period by calendar month of payment (workspace zone) and currency. */
async function revenueByMonth(conn: Conn, actor: UserActor, period: DashboardPeriod, timeZone: string): Promise<RevenueMonth[]> {
  const rows = await rowsOf<{ month: string; currency: string; amount: string; invoices: number }>(
    conn,
    sql`
      select to_char(i.paid_at at time zone ${timeZone}, 'YYYY-MM') as month, i.currency, sum(i.amount)::text as amount, count(*)::int as invoices
        from invoices i
       where i.workspace_id = ${actor.workspaceId} and i.paid_at >= ${period.start.toISOString()}::timestamptz and i.paid_at < ${period.end.toISOString()}::timestamptz
         and ${visibleDatasheetOf(actor, sql`i.datasheet_id`)}
       group by 1, 2
       order by 1, 2`,
  );
  return rows.map((r) => ({ month: r.month, currency: r.currency, amount: r.amount, invoices: Number(r.invoices) }));
}

/**
 * Datasheets created in the period per week (Monday first, in the workspace's zone) and source: an
 * import or the API by how they were made, else the automatic module's Entry, else "made in the app".
 */
async function newDatasheetsBySource(conn: Conn, actor: UserActor, period: DashboardPeriod, timeZone: string): Promise<SourceWeek[]> {
  const rows = await rowsOf<{ week: string; source: Source; count: number }>(
    conn,
    sql`
      select to_char(date_trunc('week', ${datasheets.createdAt} at time zone ${timeZone}), 'YYYY-MM-DD') as week,
             case when ${datasheets.createdVia} in ('import', 'api') then ${datasheets.createdVia}
                  when ${datasheets.entry} in ('inquiry', 'subscriber', 'list') then ${datasheets.entry}
                  else 'app' end as source,
             count(*)::int as count
        from ${datasheets}
       where ${visibleDatasheets(actor)}
         and ${datasheets.createdAt} >= ${period.start.toISOString()}::timestamptz and ${datasheets.createdAt} < ${period.end.toISOString()}::timestamptz
       group by 1, 2
       order by 1`,
  );
  const weeks = new Map<string, SourceWeek>();
  for (const row of rows) {
    let week = weeks.get(row.week);
    if (!week) {
      week = { week: row.week, counts: Object.fromEntries(sources.map((s) => [s, 0])) as Record<Source, number> };
      weeks.set(row.week, week);
    }
    week.counts[row.source] += Number(row.count);
  }
  return [...weeks.values()];
}
