import "server-only";
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Conn, Tx } from "@/db/client";
import { datasheets, modules, statuses, workspaces } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { rowsOf, uuidArray } from "@/lib/db/sql";
import { recordStatusMovesFrom, type SweepCount } from "@/lib/datasheets/status-changes";
import { paidInvoicesUntil, statusGroupsOfRule, type RuleSettings, type StatusKey } from "./derive";
import { ruleSettingsOf } from "./settings";
import { daysAgoCutoff, monthsAgoStart } from "@/lib/time/zoned";

/*
 * SPEC §3.2, the daily status checks: the rules of SPEC §3.1 that depend on the time — Forgotten
 * (3.1), Inactive (4.2) and Regular as invoices leave the 12-month window (1) — applied to a whole
 * module, each as one set-based statement over its index that moves the datasheets, records the
 * change rows and emits their events (lib/datasheets/status-changes.ts), never a loop of
 * per-datasheet round trips. The SQL below says what lib/statuses/derive.ts says; tests hold the
 * two to the same answer row by row.
 *
 * Two modes. The daily run (at or after the last change) looks only at the datasheets the passing
 * time can move, through the sweep indexes. Any other moment (a dry run in the past) or changed
 * settings ("everything") evaluate every datasheet of the rule's kind, in the same statements.
 */

const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface Context {
  moduleId: string;
  asOf: Date;
  settings: RuleSettings;
  timeZone: string;
  /** The module's keyed statuses. */
  idOf: Map<StatusKey, string>;
  /** Evaluate every datasheet of each rule's kind, not only those the time can move. */
  everything: boolean;
}

/** The target of rule 3 (a sale in progress) for `d`, and the rule line, as SQL (derive.ts saleRule). */
function saleMoves(c: Context): SQL {
  const cutoff = daysAgoCutoff(c.asOf, c.settings.forgottenDays, c.timeZone);
  const contact = sql`coalesce(d.last_contact_at, d.created_at)`;
  const noFutureTodo = sql`(d.latest_open_todo_due_at is null or d.latest_open_todo_due_at <= ${c.asOf})`;
  const isForgotten = sql`(${contact} < ${cutoff} and ${noFutureTodo})`;
  const others = statusGroupsOfRule.sales.map((k) => c.idOf.get(k)!);
  // Passing time only ever makes a sale Forgotten (the cutoff and "now" move forward); what brings
  // one back is a contact or a todo, applied by the commit point. So the daily run reads only the
  // datasheets about to be forgotten, through the sweep index.
  const candidates = c.everything ? sql`true` : sql`(d.status_id = any(${uuidArray(others)}) and ${contact} < ${cutoff} and ${noFutureTodo})`;
  return sql`
    select d.id as datasheet_id, d.module_id, d.business_name, d.status_id as from_id, t.key, t.rule,
      jsonb_build_object('salesStatus', 'in_progress', 'doneTodos', d.done_todo_count, 'openTodos', d.open_todo_count)
        || case t.key
             when 'forgotten' then jsonb_build_object('lastContactAt', ${iso(contact)}, 'forgottenDays', ${c.settings.forgottenDays}::int)
             when 'serious_prospect' then jsonb_build_object('qualification', d.qualification)
             else '{}'::jsonb end as facts
    from ${datasheets} d
    cross join lateral (
      select k.key, k.rule from (select case
        when ${isForgotten} then 'forgotten'
        when d.done_todo_count >= ${c.settings.seriousProspectDoneTodos}::int and d.qualification = 'target_group' then 'serious_prospect'
        when d.done_todo_count >= 1 then 'in_progress'
        when d.open_todo_count >= 1 then 'awaiting_contact'
        else 'awaiting_processing' end as key) k0
      cross join lateral (select k0.key, case k0.key
        when 'forgotten' then 'no_contact' when 'serious_prospect' then 'serious_prospect' when 'in_progress' then 'todo_done'
        when 'awaiting_contact' then 'todo_open' else 'new_inquiry' end as rule) k
    ) t
    where d.module_id = ${c.moduleId} and d.sales_status = 'in_progress' and d.deleted_at is null and ${candidates}`;
}

/** Rule 4 (a marketing contact) for `d` (derive.ts marketingRule). */
function marketingMoves(c: Context): SQL {
  const cutoff = daysAgoCutoff(c.asOf, c.settings.inactiveDays, c.timeZone);
  const since = sql`coalesce(d.subscribed_at, d.created_at)`;
  // The later of subscribing and the last open or click, of those that had happened by then.
  const latest = sql`coalesce(greatest(case when ${since} <= ${c.asOf} then ${since} end, case when d.last_engaged_at <= ${c.asOf} then d.last_engaged_at end), d.created_at)`;
  const candidates = c.everything
    ? sql`true`
    : // Likewise passing time only makes a subscriber Inactive (an open or click, applied at
      // commit, wakes one up), and an address counts as unreachable from its time on.
      sql`((d.entry = 'subscriber' and d.status_id = ${c.idOf.get("newsletter")!} and greatest(${since}, d.last_engaged_at) < ${cutoff})
           or (d.status_id = ${c.idOf.get("unreachable")!} and (d.unreachable_at is null or d.unreachable_at > ${c.asOf})))`;
  return sql`
    select d.id as datasheet_id, d.module_id, d.business_name, d.status_id as from_id, t.key, t.rule,
      jsonb_build_object('salesStatus', null, 'entry', coalesce(d.entry, 'inquiry'))
        || case
             when t.key = 'unreachable' then jsonb_build_object('unreachableAt', ${iso(sql`d.unreachable_at`)})
             when t.key in ('newsletter', 'inactive') then jsonb_build_object(
               'lastEngagedAt', ${iso(sql`d.last_engaged_at`)}, 'subscribedAt', ${iso(sql`d.subscribed_at`)}, 'inactiveDays', ${c.settings.inactiveDays}::int)
             else '{}'::jsonb end as facts
    from ${datasheets} d
    cross join lateral (select case
        when d.unreachable_at <= ${c.asOf} then 'unreachable'
        when coalesce(d.entry, 'inquiry') = 'subscriber' and ${latest} < ${cutoff} then 'inactive'
        when coalesce(d.entry, 'inquiry') = 'subscriber' then 'newsletter'
        else 'cold_list' end as key) k
    cross join lateral (select k.key, case k.key
        when 'unreachable' then 'unreachable' when 'inactive' then 'no_engagement' when 'newsletter' then 'subscriber'
        else 'purchased_list' end as rule) t
    where d.module_id = ${c.moduleId} and d.sales_status is null and d.deleted_at is null and ${candidates}`;
}

/** Rule 1 (closed won) for `d`, from its paid invoices (derive.ts customerRule). */
function customerMoves(c: Context): SQL {
  const windowStart = monthsAgoStart(c.asOf, c.settings.regularWindowMonths - 1, c.timeZone);
  const candidates = c.everything ? sql`true` : sql`d.status_id = ${c.idOf.get("regular")!}`;
  return sql`
    select d.id as datasheet_id, d.module_id, d.business_name, d.status_id as from_id, t.key, t.rule,
      jsonb_build_object('salesStatus', 'closed_won', 'paidInvoices', p.paid, 'paidMonthsInWindow', p.months) as facts
    from ${datasheets} d
    cross join lateral (
      select count(*)::int as paid,
        count(distinct to_char(i.paid_at at time zone ${c.timeZone}, 'YYYY-MM')) filter (where i.paid_at >= ${windowStart})::int as months
      from invoices i where i.datasheet_id = d.id and i.paid_at is not null and i.paid_at <= ${paidInvoicesUntil(c.asOf, c.timeZone)}
    ) p
    cross join lateral (select case
        when p.months >= ${c.settings.regularMonths}::int then 'regular' when p.paid >= 2 then 'returning' else 'one_time' end as key) k
    cross join lateral (select k.key, 'closed_won_' || k.key as rule) t
    where d.module_id = ${c.moduleId} and d.sales_status = 'closed_won' and d.deleted_at is null and ${candidates}`;
}

/** A rule family's datasheets whose status the rule says should change, with from and to. */
function movesOf(family: SQL): SQL {
  return sql`
    select r.datasheet_id, r.module_id, r.business_name, r.from_id, cur.key as from_key, tgt.id as to_id, tgt.key as to_key, r.rule as reason, r.facts
    from (${family}) r
    join ${statuses} cur on cur.id = r.from_id
    join ${statuses} tgt on tgt.module_id = r.module_id and tgt.key = r.key
    where tgt.id <> r.from_id`;
}

export interface Transition {
  datasheetId: string;
  businessName: string;
  from: string;
  to: string;
  reason: string;
  facts: Record<string, unknown>;
}

export interface ModuleRuleScope {
  moduleId: string;
  settings: RuleSettings;
  timeZone: string;
  idOf: Map<StatusKey, string>;
}

/** The automatic modules of a workspace (or one of them), with what the rule needs of each. */
export async function automaticModules(conn: Conn, workspaceId: string, moduleId?: string): Promise<ModuleRuleScope[]> {
  const rows = await conn
    .select({ id: modules.id, ruleSettings: modules.ruleSettings, timeZone: workspaces.timeZone })
    .from(modules)
    .innerJoin(workspaces, eq(workspaces.id, modules.workspaceId))
    .where(and(eq(modules.workspaceId, workspaceId), eq(modules.kind, "sales_auto"), isNull(modules.archivedAt), moduleId ? eq(modules.id, moduleId) : undefined));
  if (!rows.length) return [];
  const keyed = await conn.select({ id: statuses.id, key: statuses.key, moduleId: statuses.moduleId }).from(statuses).where(eq(statuses.workspaceId, workspaceId));
  return rows.map((m) => ({
    moduleId: m.id,
    settings: ruleSettingsOf(m.ruleSettings),
    timeZone: m.timeZone,
    idOf: new Map(keyed.filter((s) => s.moduleId === m.id).map((s) => [s.key as StatusKey, s.id])),
  }));
}

const families = [saleMoves, marketingMoves, customerMoves];

function contextOf(scope: ModuleRuleScope, asOf: Date, everything: boolean): Context {
  return { ...scope, asOf, everything };
}

/** What the checks would do to a module at `asOf`: every transition with its reason, changing nothing. */
export async function previewModule(conn: Conn, scope: ModuleRuleScope, asOf: Date, options: { everything?: boolean } = {}): Promise<Transition[]> {
  const c = contextOf(scope, asOf, options.everything ?? true);
  const out: Transition[] = [];
  for (const family of families) {
    const rows = await rowsOf<{ datasheet_id: string; business_name: string; from_key: string; to_key: string; reason: string; facts: Record<string, unknown> }>(
      conn,
      movesOf(family(c)),
    );
    out.push(...rows.map((r) => ({ datasheetId: r.datasheet_id, businessName: r.business_name, from: r.from_key, to: r.to_key, reason: r.reason, facts: r.facts })));
  }
  return out;
}

/**
 * Runs the checks on one module, in the caller's transaction: three statements, each moving,
 * recording and emitting. Two runs at once queue on the module's lock, and a datasheet another run
 * has moved meanwhile is left alone (each move names the status it moves from). With `list`, each
 * rule's count comes with the moves it made.
 */
export async function sweepModule(
  tx: Tx,
  actor: Actor,
  scope: ModuleRuleScope,
  asOf: Date,
  options: { everything?: boolean; list?: boolean } = {},
): Promise<SweepCount[]> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`status-checks:${scope.moduleId}`}))`);
  const c = contextOf(scope, asOf, options.everything ?? false);
  const counts: SweepCount[] = [];
  for (const family of families) counts.push(...(await recordStatusMovesFrom(tx, actor, movesOf(family(c)), asOf, { list: options.list })));
  return counts;
}

