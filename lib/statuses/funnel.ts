import "server-only";
import { and, asc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { modules, statusGroups, statuses, statusChanges, workspaces } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { visibleDatasheetOf } from "@/lib/datasheets/access";
import { rowsOf } from "@/lib/db/sql";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { addLocalDays, localDateOf, localDateText, parseLocalDateText, startOfLocalDate, type LocalDate } from "@/lib/time/zoned";
import { groupOf, statusGroupsOfRule, type StatusGroupKey, type StatusKey } from "./derive";

/*
 * The funnel of an automatic module (SPEC §3.3), read from the one `status_changes` table: for a
 * period, how many datasheets entered each status, how many of them moved on to a later group,
 * the median time spent in each status, and for the Non-customers the last Sales status each one
 * had before it dropped out. Counted over the datasheets the actor may see.
 */

/** Marketing → Sales → Customers; Non-customers is where a client drops out, never "on". */
const GROUP_RANK: Record<StatusGroupKey, number> = { marketing: 1, sales: 2, customers: 3, non_customers: 0 };

/** The longest period one report covers: a bigger one is a mistake, not a question. */
export const MAX_FUNNEL_DAYS = 3 * 366;

export interface FunnelPeriod {
  /** The first local day, `YYYY-MM-DD`, in the workspace's time zone. */
  from: string;
  /** The last local day, included. */
  to: string;
}

export interface FunnelStatusRow {
  statusId: string;
  key: StatusKey;
  name: string;
  color: string;
  group: StatusGroupKey;
  /** Datasheets that entered the status in the period (created in it, or moved into it). */
  entered: number;
  /** Of those, how many reached a later group since; null where there is no later group. */
  movedOn: number | null;
  /** Median days spent in the status, over the stays begun in the period that have ended. */
  medianDays: number | null;
  /** Stays begun in the period that have ended (what the median is of). */
  stays: number;
}

export interface FunnelGroupRow {
  key: StatusGroupKey;
  name: string;
  entered: number;
  movedOn: number | null;
}

export interface FunnelDropOut {
  statusId: string;
  key: StatusKey;
  name: string;
  color: string;
  total: number;
  /** The last Sales status each had before it dropped out; `key` null: never in Sales. */
  lastSales: { key: StatusKey | null; name: string | null; count: number }[];
}

export interface FunnelReport {
  module: { id: string; name: string };
  period: FunnelPeriod;
  timeZone: string;
  statuses: FunnelStatusRow[];
  groups: FunnelGroupRow[];
  dropOuts: FunnelDropOut[];
}

function parseDay(text: string, field: "from" | "to"): LocalDate {
  const date = parseLocalDateText(text);
  if (!date) throw new ValidationError({ [field]: "dateInvalid" });
  return date;
}

/** The period asked for, or the twelve calendar months up to today; checked (order, length). */
export function funnelPeriod(input: Partial<FunnelPeriod>, now: Date, timeZone: string): { period: FunnelPeriod; start: Date; end: Date } {
  const today = localDateOf(now, timeZone);
  const to = input.to ? parseDay(input.to, "to") : today;
  // By default the last twelve calendar months, this one included.
  const from = input.from
    ? parseDay(input.from, "from")
    : to.month === 12
      ? { year: to.year, month: 1, day: 1 }
      : { year: to.year - 1, month: to.month + 1, day: 1 };
  const start = startOfLocalDate(from, timeZone);
  const end = startOfLocalDate(addLocalDays(to, 1), timeZone);
  if (end <= start) throw new ValidationError({ to: "periodOrder" });
  if (end.getTime() - start.getTime() > MAX_FUNNEL_DAYS * 86_400_000) throw new ValidationError({ from: "periodTooLong" });
  return { period: { from: localDateText(from), to: localDateText(to) }, start, end };
}

const rankOf = (column: SQL) =>
  sql`case ${column} ${sql.join(
    (Object.keys(statusGroupsOfRule) as StatusGroupKey[]).flatMap((g) => statusGroupsOfRule[g].map((k) => sql`when ${k} then ${GROUP_RANK[g]}`)),
    sql` `,
  )} else 0 end`;

/**
 * The report page and the team dashboard (admins and managers: SPEC §2 "reports of the whole
 * team"). An unknown module, one of another workspace, or one that is not automatic: not found.
 */
export async function funnelReport(conn: Conn, actor: Actor, moduleId: string, input: Partial<FunnelPeriod> = {}, now = new Date()): Promise<FunnelReport> {
  assertCan(actor, "reports.team");
  return funnelOf(conn, actor, moduleId, input, now);
}

/**
 * The funnel as `actor` sees it: only the datasheets the visibility rule lets them read count.
 * Gate it (as `funnelReport` does) before showing it to anyone.
 */
export async function funnelOf(conn: Conn, actor: Actor, moduleId: string, input: Partial<FunnelPeriod> = {}, now = new Date()): Promise<FunnelReport> {
  assertId(moduleId);
  const [module] = await conn
    .select({ id: modules.id, name: modules.name, timeZone: workspaces.timeZone })
    .from(modules)
    .innerJoin(workspaces, eq(workspaces.id, modules.workspaceId))
    .where(and(eq(modules.id, moduleId), eq(modules.workspaceId, actor.workspaceId), eq(modules.kind, "sales_auto"), isNull(modules.archivedAt)));
  if (!module) throw new NotFoundError();
  const { period, start, end } = funnelPeriod(input, now, module.timeZone);
  return conn.transaction(async (tx) => {
    // A year of a big module's changes is sorted in memory, not on disk.
    await tx.execute(sql`set local work_mem = '64MB'`);
    return funnelIn(tx, actor, module, period, start, end);
  });
}

async function funnelIn(
  conn: Conn,
  actor: Actor,
  module: { id: string; name: string; timeZone: string },
  period: FunnelPeriod,
  start: Date,
  end: Date,
): Promise<FunnelReport> {
  const moduleId = module.id;

  const keyed = await conn
    .select({ id: statuses.id, key: statuses.key, name: statuses.name, color: statuses.color, groupName: statusGroups.name })
    .from(statuses)
    .innerJoin(statusGroups, eq(statusGroups.id, statuses.groupId))
    .where(eq(statuses.moduleId, moduleId))
    .orderBy(asc(statusGroups.position), asc(statuses.position));

  // Every stay begun in the period, with when it ended and the best group reached after it: one
  // pass over the module's changes since the period began (status_changes_module_at_idx).
  const stays = sql`
    select sc.datasheet_id, sc.to_key, ${rankOf(sql`sc.to_key`)} as rank, sc.at,
      lead(sc.at) over w as left_at,
      max(${rankOf(sql`sc.to_key`)}) over (w rows between 1 following and unbounded following) as later_rank
    from ${statusChanges} sc
    where sc.module_id = ${moduleId} and sc.at >= ${start.toISOString()}::timestamptz and ${visibleDatasheetOf(actor, sql`sc.datasheet_id`)}
    window w as (partition by sc.datasheet_id order by sc.at, sc.id)`;
  // Per status and per group in the same pass (grouping sets); `by_group` tells the two apart.
  const counted = await rowsOf<{
    by_group: number;
    to_key: string | null;
    rank: number | null;
    entered: number;
    moved_on: number;
    stays: number;
    median_seconds: number | null;
  }>(
    conn,
    sql`
      with stays as (${stays})
      select grouping(to_key) as by_group, to_key, rank,
        count(distinct datasheet_id)::int as entered,
        count(distinct datasheet_id) filter (where later_rank > rank)::int as moved_on,
        count(*) filter (where left_at is not null)::int as stays,
        percentile_cont(0.5) within group (order by extract(epoch from left_at - at)) filter (where left_at is not null) as median_seconds
      from stays
      where at < ${end.toISOString()}::timestamptz
      group by grouping sets ((to_key), (rank))`,
  );
  const byStatus = counted.filter((r) => Number(r.by_group) === 0);
  const byGroup = counted.filter((r) => Number(r.by_group) === 1);

  // Every drop-out in the period (a move into Non-customers from outside it, or a datasheet created
  // there), with the last Sales status it had before: one index lookup per drop-out.
  const salesKeys = sql.join(
    statusGroupsOfRule.sales.map((k) => sql`${k}`),
    sql`, `,
  );
  const nonCustomerKeys = sql.join(
    statusGroupsOfRule.non_customers.map((k) => sql`${k}`),
    sql`, `,
  );
  const drops = await rowsOf<{ to_key: string; last_sales: string | null; count: number }>(
    conn,
    sql`
      select d.to_key, last.to_key as last_sales, count(distinct d.datasheet_id)::int as count
      from ${statusChanges} d
      left join lateral (
        select p.to_key from ${statusChanges} p
        where p.datasheet_id = d.datasheet_id and p.at <= d.at and p.id <> d.id and p.to_key in (${salesKeys})
        order by p.at desc limit 1
      ) last on true
      where d.module_id = ${moduleId}
        and d.at >= ${start.toISOString()}::timestamptz and d.at < ${end.toISOString()}::timestamptz
        and d.to_key in (${nonCustomerKeys})
        and (d.from_key is null or d.from_key not in (${nonCustomerKeys}))
        and ${visibleDatasheetOf(actor, sql`d.datasheet_id`)}
      group by 1, 2`,
  );

  const found = new Map(byStatus.map((r) => [r.to_key, r]));
  const statusRows: FunnelStatusRow[] = keyed
    .filter((s) => groupOf(s.key as StatusKey))
    .map((s) => {
      const key = s.key as StatusKey;
      const group = groupOf(key);
      const r = found.get(key);
      const hasLater = GROUP_RANK[group] > 0 && GROUP_RANK[group] < GROUP_RANK.customers;
      return {
        statusId: s.id,
        key,
        name: s.name,
        color: s.color,
        group,
        entered: r?.entered ?? 0,
        movedOn: hasLater ? (r?.moved_on ?? 0) : null,
        medianDays: r?.median_seconds == null ? null : Math.round((Number(r.median_seconds) / 86_400) * 10) / 10,
        stays: r?.stays ?? 0,
      };
    });

  const groupNames = new Map(keyed.map((s) => [groupOf(s.key as StatusKey), s.groupName]));
  const groups: FunnelGroupRow[] = (Object.keys(statusGroupsOfRule) as StatusGroupKey[]).map((key) => {
    const r = byGroup.find((g) => Number(g.rank) === GROUP_RANK[key]);
    const hasLater = GROUP_RANK[key] > 0 && GROUP_RANK[key] < GROUP_RANK.customers;
    return { key, name: groupNames.get(key) ?? key, entered: r?.entered ?? 0, movedOn: hasLater ? (r?.moved_on ?? 0) : null };
  });

  const nameOf = new Map(keyed.map((s) => [s.key, s]));
  const dropOuts: FunnelDropOut[] = statusRows
    .filter((s) => s.group === "non_customers")
    .map((s) => {
      const mine = drops.filter((d) => d.to_key === s.key);
      const order = (k: string | null) => (k === null ? 99 : statusGroupsOfRule.sales.indexOf(k as never));
      return {
        statusId: s.statusId,
        key: s.key,
        name: s.name,
        color: s.color,
        total: mine.reduce((sum, d) => sum + d.count, 0),
        lastSales: mine
          .sort((a, b) => order(a.last_sales) - order(b.last_sales))
          .map((d) => ({
            key: d.last_sales as StatusKey | null,
            name: d.last_sales ? (nameOf.get(d.last_sales)?.name ?? d.last_sales) : null,
            count: d.count,
          })),
      };
    });

  return { module: { id: module.id, name: module.name }, period, timeZone: module.timeZone, statuses: statusRows, groups, dropOuts };
}

/** The automatic modules a funnel can be shown for, in the navigation's order. */
export async function funnelModules(conn: Conn, actor: Actor): Promise<{ id: string; name: string }[]> {
  assertCan(actor, "reports.team");
  return conn
    .select({ id: modules.id, name: modules.name })
    .from(modules)
    .where(and(eq(modules.workspaceId, actor.workspaceId), eq(modules.kind, "sales_auto"), isNull(modules.archivedAt)))
    .orderBy(asc(modules.position));
}
