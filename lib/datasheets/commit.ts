import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { businesses, datasheets, historyEntries, modules, todos, workspaces } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { rowsOf, uuidArray } from "@/lib/db/sql";
import { isContactEntry } from "@/lib/history/contact";
import { emitAll, type OutgoingEvent } from "@/lib/jobs/outbox";
import { statusMovesAtCommit, type FactsRow } from "@/lib/statuses/at-commit";
import { recordStatusChanges, type StatusMove } from "./status-changes";

/** What a service changed, handed to the commit point at the end of its transaction. */
export interface DatasheetChange {
  /** The datasheets it touched (repeats are fine). */
  ids: readonly string[];
  /** Its own events (`todo/done`, `invoice/paid`, …), recorded in the outbox with the commit's. */
  events?: readonly OutgoingEvent[];
  /**
   * Status moves it decided: creation (`from` null), a manual or bulk move, a removed status. In the
   * automatic module the rule decides instead, and a creation's status is the rule's.
   */
  statusMoves?: readonly StatusMove[];
  /** Facts kept on the row itself, set on every datasheet of the change. */
  set?: { responsibleUserId?: string | null; deletedAt?: Date | null };
}

/** A datasheet as the commit left it. */
export interface CommittedDatasheet {
  id: string;
  moduleId: string;
  statusId: string;
  version: number;
}

/** The system fields of the automatic module whose values the rule reads from the row. */
const systemFieldValue = (key: string) => sql`(
  select v.text_value from datasheet_values v join fields f on f.id = v.field_id
  where v.datasheet_id = d.id and f.module_id = d.module_id and f.key = ${key} and f.is_system limit 1)`;

interface UpdatedRow {
  id: string;
  module_id: string;
  status_id: string;
  version: number;
  is_automatic: boolean;
  rule_settings: Record<string, unknown> | null;
  time_zone: string;
  sales_status: string | null;
  qualification: string | null;
  entry: string | null;
  created_at: string | Date;
  last_contact_at: string | Date | null;
  open_todo_count: number;
  done_todo_count: number;
  latest_open_todo_due_at: string | Date | null;
  subscribed_at: string | Date | null;
  last_engaged_at: string | Date | null;
  unreachable_at: string | Date | null;
}

const toDate = (v: string | Date | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

/**
 * The one end point of every change of a datasheet or of one of its facts (todos, history,
 * contacts, business, invoices, field values, status, responsible, trash, email engagement).
 * Inside the caller's transaction, for any number of datasheets, one statement per step:
 * 1. the facts kept on the row (responsible user, trash) as the change sets them; the derived
 *    columns recomputed from the facts — the business name, the next open todo, the last contact
 *    (SPEC §3.1) and, in the automatic module, what its rule reads (system fields, todo counts,
 *    consent, email engagement, unsubscribes); the version bumped once; who changed it recorded
 *    (`updated_by_user_id`; null: the system);
 * 2. the status: in the automatic module the rule's (SPEC §3.1, lib/statuses/derive.ts), elsewhere
 *    the moves the change decided — each recorded in `status_changes`;
 * 3. every event of the change recorded in the outbox (delivered only if the transaction commits).
 * A datasheet created in this transaction (inserted with version 0) leaves at version 1.
 */
export async function commitDatasheets(tx: Tx, actor: Actor, change: DatasheetChange, now = new Date()): Promise<Map<string, CommittedDatasheet>> {
  const ids = [...new Set(change.ids)];
  if (!ids.length) return new Map();
  const own: SQL[] = [];
  if (change.set && "responsibleUserId" in change.set) own.push(sql`responsible_user_id = ${change.set.responsibleUserId ?? null}::uuid,`);
  if (change.set && "deletedAt" in change.set) {
    // Who trashed it goes with it (the trash lists it; a normal user sees what they trashed).
    const deletedAt = change.set.deletedAt ?? null;
    own.push(sql`deleted_at = ${deletedAt?.toISOString() ?? null}::timestamptz, deleted_by_user_id = ${deletedAt ? actor.userId : null}::uuid,`);
  }
  const automatic = sql`m.kind = 'sales_auto'`;
  const rows = await rowsOf<UpdatedRow>(
    tx,
    sql`
      update ${datasheets} d set
        ${sql.join(own, sql` `)}
        business_name = (select b.name from ${businesses} b where b.id = d.business_id),
        (next_todo_id, next_todo_due_at) = (
          select t.id, t.due_at from ${todos} t where t.datasheet_id = d.id and t.done_at is null order by t.due_at, t.id limit 1
        ),
        last_contact_at = (
          select max(${historyEntries.occurredAt}) from ${historyEntries} where ${historyEntries.datasheetId} = d.id and ${isContactEntry}
        ),
        (open_todo_count, done_todo_count, latest_open_todo_due_at) = (
          select count(*) filter (where t.done_at is null)::int, count(*) filter (where t.done_at is not null)::int,
            max(t.due_at) filter (where t.done_at is null)
          from ${todos} t where t.datasheet_id = d.id
        ),
        sales_status = case when ${automatic} then ${systemFieldValue("sales_status")} end,
        qualification = case when ${automatic} then ${systemFieldValue("qualification")} end,
        entry = case when ${automatic} then ${systemFieldValue("entry")} end,
        subscribed_at = case when ${automatic} then (
          select least(b.newsletter_consent_at, (select min(c.newsletter_consent_at) from contacts c where c.business_id = d.business_id))
          from ${businesses} b where b.id = d.business_id
        ) end,
        last_engaged_at = case when ${automatic} then (
          select max(e.at) from email_events e join emails em on em.id = e.email_id
          where em.datasheet_id = d.id and e.type in ('opened', 'clicked')
        ) end,
        unreachable_at = case when ${automatic} then (
          select min(s.created_at) from email_suppressions s
          where s.workspace_id = d.workspace_id and s.address in (
            select lower(b.email) from ${businesses} b where b.id = d.business_id and b.email is not null
            union all select lower(c.email) from contacts c where c.business_id = d.business_id and c.email is not null
          )
        ) end,
        version = d.version + 1,
        updated_by_user_id = ${actor.userId}::uuid,
        updated_at = ${now}
      from ${modules} m, ${workspaces} w
      where d.id = any(${uuidArray(ids)}) and d.workspace_id = ${actor.workspaceId} and m.id = d.module_id and w.id = d.workspace_id
      returning d.id, d.module_id, d.status_id, d.version, ${automatic} as is_automatic, m.rule_settings, w.time_zone,
        d.sales_status, d.qualification, d.entry, d.created_at, d.last_contact_at, d.open_todo_count, d.done_todo_count,
        d.latest_open_todo_due_at, d.subscribed_at, d.last_engaged_at, d.unreachable_at`,
  );

  // The status: the rule's in the automatic module (a creation's too), the change's elsewhere.
  const automaticRows = rows.filter((r) => r.is_automatic);
  const automaticIds = new Set(automaticRows.map((r) => r.id));
  const created = new Set((change.statusMoves ?? []).filter((m) => m.from === null).map((m) => m.datasheetId));
  const ruled = await statusMovesAtCommit(tx, automaticRows.map(factsRowOf), created, now);
  const moves = [...(change.statusMoves ?? []).filter((m) => !automaticIds.has(m.datasheetId)), ...ruled];
  const statusEvents = await recordStatusChanges(tx, actor, moves, now);
  await emitAll(tx, [...(change.events ?? []), ...statusEvents]);

  const movedTo = new Map(moves.map((m) => [m.datasheetId, m.to.id]));
  return new Map(rows.map((r) => [r.id, { id: r.id, moduleId: r.module_id, statusId: movedTo.get(r.id) ?? r.status_id, version: r.version }]));
}

function factsRowOf(r: UpdatedRow): FactsRow {
  return {
    id: r.id,
    moduleId: r.module_id,
    statusId: r.status_id,
    ruleSettings: r.rule_settings,
    timeZone: r.time_zone,
    salesStatus: r.sales_status,
    qualification: r.qualification,
    entry: r.entry,
    createdAt: toDate(r.created_at)!,
    lastContactAt: toDate(r.last_contact_at),
    openTodoCount: r.open_todo_count,
    doneTodoCount: r.done_todo_count,
    latestOpenTodoDueAt: toDate(r.latest_open_todo_due_at),
    subscribedAt: toDate(r.subscribed_at),
    lastEngagedAt: toDate(r.last_engaged_at),
    unreachableAt: toDate(r.unreachable_at),
  };
}

/** The one datasheet a single-datasheet service changed, as committed. */
export async function commitDatasheet(
  tx: Tx,
  actor: Actor,
  change: Omit<DatasheetChange, "ids"> & { id: string },
  now = new Date(),
): Promise<CommittedDatasheet> {
  const committed = await commitDatasheets(tx, actor, { ...change, ids: [change.id] }, now);
  const row = committed.get(change.id);
  if (!row) throw new Error(`Datasheet ${change.id} was not committed.`);
  return row;
}
