import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { businesses, datasheets, historyEntries, todos } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { rowsOf, uuidArray } from "@/lib/db/sql";
import { isContactEntry } from "@/lib/history/contact";
import { emitAll, type OutgoingEvent } from "@/lib/jobs/outbox";
import { recordStatusChanges, type StatusMove } from "./status-changes";

/** What a service changed, handed to the commit point at the end of its transaction. */
export interface DatasheetChange {
  /** The datasheets it touched (repeats are fine). */
  ids: readonly string[];
  /** Its own events (`todo/done`, `invoice/paid`, …), recorded in the outbox with the commit's. */
  events?: readonly OutgoingEvent[];
  /** Status moves it decided: creation, a manual or bulk move, a removed status. */
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

/**
 * The one end point of every change of a datasheet or of one of its facts (todos, history,
 * contacts, business, invoices, field values, status, responsible, trash). Inside the caller's
 * transaction, for any number of datasheets, one statement per step:
 * 1. the status moves the change decided, each recorded in `status_changes`;
 * 2. the facts kept on the row (responsible user, trash) as the change sets them, the derived columns recomputed from the facts — the business name, the next open todo, the
 *    last contact (SPEC §3.1) — the version bumped once, and who changed it recorded
 *    (`updated_by_user_id`; null: the system);
 * 3. every event of the change recorded in the outbox (delivered only if the transaction commits).
 * A datasheet created in this transaction (inserted with version 0) leaves at version 1.
 */
export async function commitDatasheets(tx: Tx, actor: Actor, change: DatasheetChange, now = new Date()): Promise<Map<string, CommittedDatasheet>> {
  const ids = [...new Set(change.ids)];
  if (!ids.length) return new Map();
  const statusEvents = await recordStatusChanges(tx, actor, change.statusMoves ?? [], now);
  const own: SQL[] = [];
  if (change.set && "responsibleUserId" in change.set) own.push(sql`responsible_user_id = ${change.set.responsibleUserId ?? null}::uuid,`);
  if (change.set && "deletedAt" in change.set) own.push(sql`deleted_at = ${change.set.deletedAt?.toISOString() ?? null}::timestamptz,`);
  const rows = await rowsOf<{ id: string; module_id: string; status_id: string; version: number }>(
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
        version = d.version + 1,
        updated_by_user_id = ${actor.userId}::uuid,
        updated_at = ${now}
      where d.id = any(${uuidArray(ids)}) and d.workspace_id = ${actor.workspaceId}
      returning d.id, d.module_id, d.status_id, d.version`,
  );
  await emitAll(tx, [...(change.events ?? []), ...statusEvents]);
  return new Map(rows.map((r) => [r.id, { id: r.id, moduleId: r.module_id, statusId: r.status_id, version: r.version }]));
}

/** The one datasheet a single-datasheet service changed, as committed. */
export async function commitDatasheet(tx: Tx, actor: Actor, change: Omit<DatasheetChange, "ids"> & { id: string }, now = new Date()): Promise<CommittedDatasheet> {
  const committed = await commitDatasheets(tx, actor, { ...change, ids: [change.id] }, now);
  const row = committed.get(change.id);
  if (!row) throw new Error(`Datasheet ${change.id} was not committed.`);
  return row;
}
