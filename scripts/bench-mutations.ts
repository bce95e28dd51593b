/**
 * Mutation figures for `npm run bench`, on the list bench's 100,000 generated datasheets, each
 * against the same writes done by hand in SQL in the same run (the baseline), so the ratio is what
 * the services add — the commit point's checks, derived columns, status records and events:
 * - mark a todo done (p50 and p95 of single calls);
 * - a bulk status change of 1,000 datasheets;
 * - creating 1,000 clients (business, a contact, a datasheet each) in one batch.
 */
import { randomUUID } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import type { UserActor } from "../lib/auth/permissions";
import { bulkChangeStatus } from "../lib/datasheets/assignment";
import { createClients, type NewClientRow } from "../lib/datasheets/create";
import { completeTodo } from "../lib/todos/mutations";

type Figure = { name: string; value: number; unit: string; baseline?: number; ratio?: number };
type Report = (figure: Figure) => void;

const SINGLE_CALLS = 200;
const BATCH = 1_000;

function percentile(times: number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function rows<T>(client: PGlite, query: string, params: unknown[] = []): Promise<T[]> {
  return (await client.query<T>(query, params)).rows;
}

export async function benchMutations(db: Db, client: PGlite, admin: UserActor, moduleId: string, report: Report): Promise<void> {
  // Open todos of distinct datasheets: half for the service, half for the hand-written writes.
  const open = await rows<{ id: string; datasheet_id: string; version: number }>(
    client,
    `select distinct on (t.datasheet_id) t.id, t.datasheet_id, t.version from todos t join datasheets d on d.id = t.datasheet_id
      where d.module_id = $1 and t.done_at is null order by t.datasheet_id, t.due_at limit $2`,
    [moduleId, 2 * (SINGLE_CALLS + 20)],
  );
  const service = open.slice(0, SINGLE_CALLS + 20);
  const byHand = open.slice(SINGLE_CALLS + 20);
  const serviceTimes: number[] = [];
  for (const [i, todo] of service.entries()) {
    const ms = await timed(() => completeTodo(db, admin, { todoId: todo.id, version: todo.version }));
    if (i >= 20) serviceTimes.push(ms); // the first twenty warm the plans
  }
  const rawTimes: number[] = [];
  for (const [i, todo] of byHand.entries()) {
    const ms = await timed(() =>
      client.transaction(async (tx) => {
        await tx.query("select id from datasheets where id = $1 for update", [todo.datasheet_id]);
        await tx.query("update todos set done_at = now(), done_by_user_id = $2, version = version + 1, updated_at = now() where id = $1", [todo.id, admin.userId]);
        await tx.query(
          "insert into history_entries (workspace_id, datasheet_id, kind, body, author_user_id, todo_id) select workspace_id, datasheet_id, 'todo_done', text, $2, id from todos where id = $1",
          [todo.id, admin.userId],
        );
        await tx.query(
          `update datasheets d set (next_todo_id, next_todo_due_at) = (select id, due_at from todos where datasheet_id = d.id and done_at is null order by due_at, id limit 1),
             last_contact_at = now(), version = version + 1, updated_by_user_id = $2, updated_at = now() where id = $1`,
          [todo.datasheet_id, admin.userId],
        );
        await tx.query("insert into outbox_events (workspace_id, name, data) values ($1, 'todo/done', $2)", [admin.workspaceId, { todoId: todo.id }]);
      }),
    );
    if (i >= 20) rawTimes.push(ms);
  }
  for (const p of [50, 95]) {
    const value = percentile(serviceTimes, p);
    const baseline = percentile(rawTimes, p);
    report({ name: `mutation_todo_done_p${p}`, value, unit: "ms", baseline, ratio: value / baseline });
  }

  // A bulk status change of 1,000 datasheets of one status into another; by hand: the move, its
  // records and its events in three statements.
  const [from, to] = await rows<{ id: string; key: string }>(
    client,
    `select s.id, s.key from statuses s join status_groups g on g.id = s.group_id where s.module_id = $1 order by g.position, s.position limit 2`,
    [moduleId],
  );
  const picked = await rows<{ id: string; version: number }>(client, "select id, version from datasheets where status_id = $1 and deleted_at is null order by id limit $2", [
    from!.id,
    2 * BATCH,
  ]);
  const bulk = await timed(() => bulkChangeStatus(db, admin, { datasheets: picked.slice(0, BATCH), statusId: to!.id }));
  const bulkIds = `{${picked.slice(BATCH).map((r) => r.id).join(",")}}`;
  const bulkRaw = await timed(() =>
    client.transaction(async (tx) => {
      await tx.query("select id from datasheets where id = any($1::uuid[]) order by id for update", [bulkIds]);
      await tx.query(
        "update datasheets set status_id = $2, status_reason = 'manual', status_changed_at = now(), version = version + 1, updated_by_user_id = $3, updated_at = now() where id = any($1::uuid[])",
        [bulkIds, to!.id, admin.userId],
      );
      await tx.query(
        `insert into status_changes (workspace_id, datasheet_id, module_id, from_status_id, to_status_id, from_key, to_key, reason, actor_user_id)
         select workspace_id, id, module_id, $2, $3, $4, $5, 'manual', $6 from datasheets where id = any($1::uuid[])`,
        [bulkIds, from!.id, to!.id, from!.key, to!.key, admin.userId],
      );
      await tx.query(
        `insert into outbox_events (workspace_id, name, data) select workspace_id, 'datasheet/status.changed', jsonb_build_object('datasheetId', id) from datasheets where id = any($1::uuid[])`,
        [bulkIds],
      );
    }),
  );
  report({ name: "mutation_bulk_status_1000", value: bulk, unit: "ms", baseline: bulkRaw, ratio: bulk / bulkRaw });

  // 1,000 new clients in one batch; by hand: the same rows in three multi-row inserts.
  const clientRows = (tag: string): NewClientRow[] =>
    Array.from({ length: BATCH }, (_, i) => ({
      business: { kind: "company", name: `${tag} ${i} Kft.`, email: `${tag}${i}@example.hu`, phone: null, taxNumber: null },
      contacts: [{ name: `Kapcsolat ${i}`, position: null, email: `k${i}@${tag}.hu`, phone: null }],
      moduleId,
      statusId: from!.id,
      responsibleUserId: null,
    }));
  const created = await timed(() => createClients(db, admin, clientRows("bench-service")));
  const rawRows = clientRows("bench-raw").map((row) => ({ ...row, businessId: randomUUID(), datasheetId: randomUUID() }));
  const createdRaw = await timed(() =>
    db.transaction(async (tx) => {
      const values = (list: ReturnType<typeof sql>[]) => sql.join(list, sql`, `);
      await tx.execute(sql`insert into businesses (id, workspace_id, kind, name, email, search_text) values ${values(
        rawRows.map((r) => sql`(${r.businessId}, ${admin.workspaceId}, 'company', ${r.business.name}, ${r.business.email}, ${r.business.name.toLowerCase()})`),
      )}`);
      await tx.execute(sql`insert into contacts (workspace_id, business_id, name, email) values ${values(
        rawRows.map((r) => sql`(${admin.workspaceId}, ${r.businessId}, ${r.contacts[0]!.name}, ${r.contacts[0]!.email})`),
      )}`);
      await tx.execute(sql`insert into datasheets (id, workspace_id, module_id, business_id, business_name, status_id) values ${values(
        rawRows.map((r) => sql`(${r.datasheetId}, ${admin.workspaceId}, ${moduleId}, ${r.businessId}, ${r.business.name}, ${from!.id})`),
      )}`);
    }),
  );
  report({ name: "mutation_create_clients_1000", value: created, unit: "ms", baseline: createdRaw, ratio: created / createdRaw });
}
