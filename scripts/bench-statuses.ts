/**
 * The automatic sales module's figures for `npm run bench`:
 * - `status_checks_1m_pglite` / `status_checks_1m_postgres`: the daily status checks
 *   (lib/statuses/sweep.ts: each rule one set-based statement that moves, records the change rows
 *   and emits their events) over 1,000,000 datasheets of one module, on the first day of a month
 *   (when Forgotten, Inactive and Regular all move), against the raw UPDATE statements for the
 *   same rules on the same data (no change rows, no events). Each run is rolled back, the two
 *   alternate three times, with VACUUM ANALYZE between; medians. PostgreSQL is measured when
 *   TEST_DATABASE_URL names a server (in a database of its own, dropped afterwards).
 * - `funnel_year_100k`: the funnel (lib/statuses/funnel.ts) of a module with 100,000 datasheets
 *   and a year of status history, server time, warm (median of 20).
 * - `status_rule_todo_done_overhead_p50` / `_p95`: what the rule adds to "mark todo done": the
 *   service on datasheets of the automatic module against the same service on a manual module's
 *   (value: the difference in ms; baseline: the manual module's time).
 * The data is made in SQL (set-based), then brought to the rule's statuses by the sweep itself.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { useConnection as setConnection, type Db } from "../db/client";
import { onThrowawayDatabase } from "./bench-postgres";
import { openPglite } from "../db/drivers/pglite";
import type { Connection } from "../db/drivers/types";
import { systemActor, type UserActor } from "../lib/auth/permissions";
import { createClients } from "../lib/datasheets/create";
import { createModuleFromKind } from "../lib/modules/module-mutations";
import { funnelReport } from "../lib/statuses/funnel";
import { automaticModules, sweepModule, type ModuleRuleScope } from "../lib/statuses/sweep";
import { daysAgoCutoff, monthsAgoStart, startOfLocalDate, localDateOf } from "../lib/time/zoned";
import { addTodo, completeTodo } from "../lib/todos/mutations";

type Figure = { name: string; value: number; unit: string; baseline?: number; ratio?: number };
type Report = (figure: Figure) => void;

const CHECK_ROWS = Number(process.env.BENCH_STATUS_CHECK_ROWS ?? 1_000_000);
const FUNNEL_ROWS = 100_000;
const BATCH = 100_000;
const TIME_ZONE = "Europe/Budapest";
const DAY = 86_400_000;
const log = (line: string) => console.error(`bench-statuses: ${line}`);

async function all<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

class Rollback extends Error {}
/** Runs `fn` in a transaction that is rolled back; returns the time `fn` took. */
async function timedRolledBack(db: Db, fn: (tx: Parameters<Parameters<Db["transaction"]>[0]>[0]) => Promise<unknown>): Promise<number> {
  let ms = 0;
  try {
    await db.transaction(async (tx) => {
      const started = performance.now();
      await fn(tx);
      ms = performance.now() - started;
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return ms;
}

/** A workspace in the bench's time zone with an admin. */
async function workspace(db: Db): Promise<UserActor> {
  const [ws] = await all<{ id: string }>(db, sql`insert into workspaces (name, locale, time_zone) values ('Bench Kft.', 'hu', ${TIME_ZONE}) returning id`);
  const [user] = await all<{ id: string }>(
    db,
    sql`insert into users (workspace_id, email, family_name, given_name, role) values (${ws!.id}::uuid, ${`admin-${ws!.id}@bench.test`}, 'Kovács', 'Anna', 'admin') returning id`,
  );
  return { userId: user!.id, workspaceId: ws!.id, role: "admin" };
}

async function scopeOf(db: Db, admin: UserActor, moduleId: string): Promise<ModuleRuleScope> {
  const [scope] = await automaticModules(db, admin.workspaceId, moduleId);
  return scope!;
}

/**
 * `count` datasheets in the module, with businesses, made in batches: 40% sales in progress (last
 * contact up to 120 days back, some with an open todo due later), 10% closed lost, 20% customers
 * with 1–4 paid invoices over 16 months, 30% marketing contacts (two thirds subscribers, last
 * sign of life up to 800 days back). Statuses are set by the sweep as of `setupAt`, then the
 * change rows and events of that setup are removed.
 */
async function fillCheckModule(db: Db, admin: UserActor, scope: ModuleRuleScope, count: number, at: Date, setupAt: Date): Promise<void> {
  const ws = admin.workspaceId;
  const id = (key: string) => scope.idOf.get(key as never)!;
  const asOf = at.toISOString();
  for (let from = 1; from <= count; from += BATCH) {
    const to = Math.min(count, from + BATCH - 1);
    await db.execute(sql`
      with n as (select i, gen_random_uuid() as business_id, gen_random_uuid() as datasheet_id from generate_series(${from}::int, ${to}::int) i),
      b as (insert into businesses (id, workspace_id, name) select business_id, ${ws}::uuid, 'Bench ' || i || ' Kft.' from n),
      d as (
        insert into datasheets (id, workspace_id, module_id, business_id, business_name, status_id, status_reason, sales_status, qualification, entry,
          open_todo_count, done_todo_count, latest_open_todo_due_at, last_contact_at, subscribed_at, last_engaged_at, created_at, updated_at)
        select datasheet_id, ${ws}::uuid, ${scope.moduleId}::uuid, business_id, 'Bench ' || i || ' Kft.',
          case when i % 10 < 4 then ${id("awaiting_processing")}::uuid when i % 10 = 4 then ${id("failed")}::uuid
               when i % 10 < 7 then ${id("one_time")}::uuid when i % 10 < 9 then ${id("newsletter")}::uuid else ${id("cold_list")}::uuid end,
          'seed',
          case when i % 10 < 4 then 'in_progress' when i % 10 = 4 then 'closed_lost' when i % 10 < 7 then 'closed_won' end,
          case when i % 5 = 0 then 'target_group' end,
          case when i % 10 < 7 then 'inquiry' when i % 10 < 9 then 'subscriber' else 'list' end,
          case when i % 10 < 4 and i % 3 = 0 then 1 else 0 end,
          case when i % 10 < 4 then i % 4 else 0 end,
          case when i % 10 < 4 and i % 3 = 0 then ${asOf}::timestamptz + ((i * 31) % 20 - 10) * interval '1 day' end,
          case when i % 10 < 4 then ${asOf}::timestamptz - ((i::bigint * 7919) % 10368000) * interval '1 second' end,
          case when i % 10 in (7, 8) then ${asOf}::timestamptz - ((i::bigint * 104729) % 69120000) * interval '1 second' end,
          case when i % 10 in (7, 8) and i % 4 <> 0 then ${asOf}::timestamptz - ((i::bigint * 15485863) % 40000000) * interval '1 second' end,
          ${asOf}::timestamptz - interval '900 days', now()
        from n
      )
      insert into invoices (workspace_id, datasheet_id, number, amount, issued_on, paid_at)
      select ${ws}::uuid, n.datasheet_id, 'B-' || n.i || '-' || k, 100000, (${asOf}::timestamptz - ((n.i::bigint * k * 7727) % 41472000) * interval '1 second')::date,
        ${asOf}::timestamptz - ((n.i::bigint * k * 7727) % 41472000) * interval '1 second'
      from n cross join generate_series(1, 4) k
      where n.i % 10 in (5, 6) and k <= 1 + n.i % 4`);
    log(`${to.toLocaleString("en")} datasheets`);
  }
  await db.execute(sql`vacuum analyze`);
  // The statuses the rule gives as of the day before, as if the checks had run every day.
  await db.transaction((tx) => sweepModule(tx, systemActor(ws, "status_check"), scope, setupAt, { everything: true }));
  await db.execute(sql`delete from status_changes where module_id = ${scope.moduleId}::uuid`);
  await db.execute(sql`delete from outbox_events`);
  await db.execute(sql`vacuum analyze`);
}

/** The same rules as plain UPDATE statements: no change rows, no events, no lock. */
async function rawChecks(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], scope: ModuleRuleScope, asOf: Date): Promise<void> {
  const id = (key: string) => scope.idOf.get(key as never)!;
  const forgottenCutoff = daysAgoCutoff(asOf, scope.settings.forgottenDays, scope.timeZone);
  const inactiveCutoff = daysAgoCutoff(asOf, scope.settings.inactiveDays, scope.timeZone);
  const windowStart = monthsAgoStart(asOf, scope.settings.regularWindowMonths - 1, scope.timeZone);
  const sales = `{${["awaiting_processing", "awaiting_contact", "in_progress", "serious_prospect"].map(id).join(",")}}`;
  await tx.execute(sql`
    update datasheets d set status_id = ${id("forgotten")}::uuid, status_reason = 'no_contact', status_changed_at = ${asOf}, version = d.version + 1
    where d.module_id = ${scope.moduleId}::uuid and d.sales_status = 'in_progress' and d.deleted_at is null
      and d.status_id = any(${sales}::uuid[]) and coalesce(d.last_contact_at, d.created_at) < ${forgottenCutoff}
      and (d.latest_open_todo_due_at is null or d.latest_open_todo_due_at <= ${asOf})`);
  await tx.execute(sql`
    update datasheets d set status_id = ${id("inactive")}::uuid, status_reason = 'no_engagement', status_changed_at = ${asOf}, version = d.version + 1
    where d.module_id = ${scope.moduleId}::uuid and d.sales_status is null and d.entry = 'subscriber' and d.deleted_at is null
      and d.status_id = ${id("newsletter")}::uuid and greatest(coalesce(d.subscribed_at, d.created_at), d.last_engaged_at) < ${inactiveCutoff}`);
  await tx.execute(sql`
    update datasheets d set status_id = case when p.paid >= 2 then ${id("returning")}::uuid else ${id("one_time")}::uuid end,
      status_reason = case when p.paid >= 2 then 'closed_won_returning' else 'closed_won_one_time' end, status_changed_at = ${asOf}, version = d.version + 1
    from (
      select i.datasheet_id, count(*) as paid,
        count(distinct to_char(i.paid_at at time zone ${scope.timeZone}, 'YYYY-MM')) filter (where i.paid_at >= ${windowStart}) as months
      from invoices i join datasheets r on r.id = i.datasheet_id
      where r.module_id = ${scope.moduleId}::uuid and r.status_id = ${id("regular")}::uuid and r.sales_status = 'closed_won' and r.deleted_at is null
        and i.paid_at is not null and i.paid_at <= ${asOf}
      group by i.datasheet_id
    ) p
    where d.id = p.datasheet_id and p.months < ${scope.settings.regularMonths}`);
}

async function benchChecks(connection: Connection, backend: "pglite" | "postgres", report: Report): Promise<{ admin: UserActor }> {
  const db = connection.db;
  setConnection(connection);
  await connection.migrate();
  const admin = await workspace(db);
  const { id: moduleId } = await createModuleFromKind(admin, { kind: "sales_auto", name: "Checks" });
  const scope = await scopeOf(db, admin, moduleId);
  // The first day of this month, 06:00 in the workspace: the daily run after yesterday's.
  const today = localDateOf(new Date(), TIME_ZONE);
  const at = new Date(startOfLocalDate({ ...today, day: 1 }, TIME_ZONE).getTime() + 6 * 3_600_000);
  const setupAt = new Date(at.getTime() - DAY);
  const started = performance.now();
  await fillCheckModule(db, admin, scope, CHECK_ROWS, at, setupAt);
  log(`${backend}: ${CHECK_ROWS.toLocaleString("en")} datasheets ready in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  const system = systemActor(admin.workspaceId, "status_check");
  const values: number[] = [];
  const baselines: number[] = [];
  let moved = 0;
  for (let round = 0; round < 3; round++) {
    values.push(
      await timedRolledBack(db, async (tx) => {
        const counts = await sweepModule(tx, system, scope, at);
        moved = counts.reduce((sum, c) => sum + c.moved, 0);
      }),
    );
    await db.execute(sql`vacuum analyze`);
    baselines.push(await timedRolledBack(db, (tx) => rawChecks(tx, scope, at)));
    await db.execute(sql`vacuum analyze`);
  }
  log(`${backend}: the checks move ${moved.toLocaleString("en")} datasheets`);
  const value = median(values);
  const baseline = median(baselines);
  report({ name: `status_checks_1m_${backend}`, value, unit: "ms", baseline, ratio: value / baseline });
  return { admin };
}

/**
 * 100,000 datasheets with a year of status history: paths through Sales to Customers, to Failed
 * or Forgotten, marketing contacts starting a sale or becoming unreachable; each datasheet's
 * status is its last step.
 */
async function fillFunnelModule(db: Db, admin: UserActor, scope: ModuleRuleScope): Promise<void> {
  const ws = admin.workspaceId;
  const id = (key: string) => scope.idOf.get(key as never)!;
  const now = new Date().toISOString();
  // Each path: its steps as (key, days after the previous step, as a function of i).
  const steps = sql`(values
    (0, 0, 'awaiting_processing', 0), (0, 1, 'awaiting_contact', 1), (0, 2, 'in_progress', 2), (0, 3, 'one_time', 5),
    (1, 0, 'awaiting_processing', 0), (1, 1, 'awaiting_contact', 2), (1, 2, 'in_progress', 3), (1, 3, 'failed', 10),
    (2, 0, 'awaiting_processing', 0), (2, 1, 'awaiting_contact', 1), (2, 2, 'in_progress', 4), (2, 3, 'forgotten', 31),
    (3, 0, 'awaiting_processing', 0), (3, 1, 'awaiting_contact', 3), (3, 2, 'in_progress', 2),
    (4, 0, 'awaiting_processing', 0), (4, 1, 'forgotten', 31),
    (5, 0, 'newsletter', 0), (5, 1, 'awaiting_processing', 20), (5, 2, 'awaiting_contact', 2),
    (6, 0, 'cold_list', 0), (6, 1, 'unreachable', 15)
  ) as s(path, step, key, days)`;
  const keys = ["awaiting_processing", "awaiting_contact", "in_progress", "one_time", "failed", "forgotten", "newsletter", "cold_list", "unreachable"];
  const statusOf = (column: ReturnType<typeof sql>) =>
    sql`case ${column} ${sql.join(
      keys.map((k) => sql`when ${k} then ${id(k)}::uuid`),
      sql` `,
    )} end`;
  for (let from = 1; from <= FUNNEL_ROWS; from += BATCH) {
    const to = Math.min(FUNNEL_ROWS, from + BATCH - 1);
    await db.execute(sql`
      with n as (
        select i, gen_random_uuid() as business_id, gen_random_uuid() as datasheet_id,
          (i * 7) % 10 as pick, ${now}::timestamptz - ((i::bigint * 7919) % 31536000) * interval '1 second' as t0
        from generate_series(${from}::int, ${to}::int) i
      ),
      p as (select n.*, case when pick < 2 then 0 when pick < 4 then 1 when pick = 4 then 2 when pick = 5 then 3 when pick = 6 then 4 when pick < 9 then 5 else 6 end as path from n),
      walk as (
        select p.datasheet_id, s.step, s.key,
          p.t0 + sum(s.days * (1 + (p.i % 3))) over (partition by p.datasheet_id order by s.step) * interval '1 day' as at,
          lag(s.key) over (partition by p.datasheet_id order by s.step) as from_key
        from p join ${steps} on s.path = p.path
      ),
      kept as (select * from walk where at <= ${now}::timestamptz),
      last as (select distinct on (datasheet_id) datasheet_id, key, at from kept order by datasheet_id, step desc),
      b as (insert into businesses (id, workspace_id, name) select business_id, ${ws}::uuid, 'Funnel ' || i || ' Kft.' from p),
      d as (
        insert into datasheets (id, workspace_id, module_id, business_id, business_name, status_id, status_reason, status_changed_at, sales_status, entry, created_at)
        select p.datasheet_id, ${ws}::uuid, ${scope.moduleId}::uuid, p.business_id, 'Funnel ' || p.i || ' Kft.', ${statusOf(sql`last.key`)}, 'seed', last.at,
          case when p.path = 6 then null when last.key = 'one_time' then 'closed_won' when last.key = 'failed' then 'closed_lost' else 'in_progress' end,
          case when p.path = 5 then 'subscriber' when p.path = 6 then 'list' else 'inquiry' end, p.t0
        from p join last on last.datasheet_id = p.datasheet_id
      )
      insert into status_changes (workspace_id, datasheet_id, module_id, from_status_id, to_status_id, from_key, to_key, reason, actor_system, at)
      select ${ws}::uuid, k.datasheet_id, ${scope.moduleId}::uuid,
        ${statusOf(sql`k.from_key`)}, ${statusOf(sql`k.key`)},
        k.from_key, k.key, 'seed', 'seed', k.at
      from kept k`);
  }
  await db.execute(sql`vacuum analyze`);
}

async function benchFunnel(db: Db, admin: UserActor, report: Report): Promise<void> {
  const { id: moduleId } = await createModuleFromKind(admin, { kind: "sales_auto", name: "Funnel" });
  const scope = await scopeOf(db, admin, moduleId);
  await fillFunnelModule(db, admin, scope);
  const times: number[] = [];
  let entered = 0;
  for (let i = 0; i < 25; i++) {
    const started = performance.now();
    const funnel = await funnelReport(db, admin, moduleId);
    if (i >= 5) times.push(performance.now() - started); // the first five warm the caches and plans
    entered = funnel.statuses.reduce((sum, s) => sum + s.entered, 0);
  }
  if (!entered) throw new Error("the funnel counted nothing: the bench's data is wrong");
  log(`funnel: ${entered.toLocaleString("en")} entries over the year`);
  report({ name: "funnel_year_100k", value: median(times), unit: "ms" });
}

/** Mark todo done, p50 and p95, on the automatic module's datasheets and on a manual module's. */
async function benchRuleOverhead(db: Db, admin: UserActor, report: Report): Promise<void> {
  const CALLS = 200;
  const WARM = 20;
  const auto = await createModuleFromKind(admin, { kind: "sales_auto", name: "Overhead" });
  const manual = await createModuleFromKind(admin, { kind: "sales_manual", name: "Overhead (manual)" });
  const todosOf = async (moduleId: string) => {
    const company = (n: number) => ({
      kind: "company" as const,
      name: `Overhead ${moduleId.slice(0, 4)} ${n} Kft.`,
      email: null,
      phone: null,
      taxNumber: null,
    });
    const created = await createClients(
      db,
      admin,
      Array.from({ length: CALLS + WARM }, (_, n) => ({ business: company(n), contacts: [], moduleId, statusId: null, responsibleUserId: null, fields: {} })),
    );
    const todos: string[] = [];
    for (const { datasheetId } of created)
      todos.push((await addTodo(db, admin, { datasheetId, text: "Call back", dueAt: new Date(Date.now() + DAY), assigneeUserId: null })).id);
    return todos;
  };
  const autoTodos = await todosOf(auto.id);
  const manualTodos = await todosOf(manual.id);
  const withRule: number[] = [];
  const without: number[] = [];
  // Interleaved, so both meet the same caches and the same background.
  for (let i = 0; i < autoTodos.length; i++) {
    for (const [todoId, times] of [
      [autoTodos[i]!, withRule],
      [manualTodos[i]!, without],
    ] as const) {
      const started = performance.now();
      await completeTodo(db, admin, { todoId, version: 1 });
      if (i >= WARM) times.push(performance.now() - started);
    }
  }
  for (const p of [50, 95]) {
    const value = percentile(withRule, p);
    const baseline = percentile(without, p);
    report({ name: `status_rule_todo_done_overhead_p${p}`, value: value - baseline, unit: "ms", baseline, ratio: value / baseline });
  }
}

export async function benchStatuses(report: Report): Promise<void> {
  if (CHECK_ROWS !== 1_000_000) log(`BENCH_STATUS_CHECK_ROWS=${CHECK_ROWS}: the 1m figures are measured on fewer rows`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-bench-statuses-"));
  try {
    const connection = await openPglite({ dataDir });
    try {
      const { admin } = await benchChecks(connection, "pglite", report);
      await benchFunnel(connection.db, admin, report);
      await benchRuleOverhead(connection.db, admin, report);
    } finally {
      await connection.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    log("no TEST_DATABASE_URL: status_checks_1m_postgres not measured");
    return;
  }
  await onThrowawayDatabase(serverUrl, "crm_bench_statuses", async (connection) => {
    await benchChecks(connection, "postgres", report);
  });
}

// `npx tsx --import ./scripts/server-only.mjs scripts/bench-statuses.ts`: these figures alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const round = (n: number) => Math.round(n * 100) / 100;
  await benchStatuses((f) =>
    console.log(JSON.stringify({ ...f, value: round(f.value), ...(f.baseline !== undefined ? { baseline: round(f.baseline), ratio: round(f.ratio!) } : {}) })),
  );
}
