import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { businesses, datasheets, datasheetValues, historyEntries, modules, todos, workspaces } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { jsonRows, rowsOf, uuidArray } from "@/lib/db/sql";
import type { StoredValue } from "@/lib/fields/storage";
import { isContactEntry } from "@/lib/history/contact";
import { emitAll, type OutgoingEvent } from "@/lib/jobs/outbox";
import { statusMovesAtCommit, type FactsRow } from "@/lib/statuses/at-commit";
import { recordStatusChanges, type StatusMove, type StatusRef } from "./status-changes";

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
  /**
   * Datasheets the change makes (their businesses exist already): inserted here, each with its
   * first status move (`statusMoves` names it, `from` null; the automatic module's is the rule's).
   */
  create?: readonly NewDatasheet[];
}

/** A datasheet as the commit left it. */
export interface CommittedDatasheet {
  id: string;
  moduleId: string;
  statusId: string;
  version: number;
}

/** The system fields of the automatic module whose values the rule reads from the row. */
const systemFieldValue = (key: SystemKey) => sql`(
  select v.text_value from datasheet_values v join fields f on f.id = v.field_id
  where v.datasheet_id = d.id and f.module_id = d.module_id and f.key = ${key} and f.is_system limit 1)`;
type SystemKey = "sales_status" | "qualification" | "entry";

/*
 * The facts kept on a datasheet's row, each read from where it lives — for `d`, a datasheet being
 * updated or one being inserted (id, workspace_id, module_id, business_id) — and `m`, its module.
 * The update of existing datasheets and the insert of new ones derive them with the same fragments.
 */
const automatic = sql`m.kind = 'sales_auto'`;
const businessNameOf = sql`(select b.name from ${businesses} b where b.id = d.business_id)`;
const nextTodoOf = sql`select t.id, t.due_at from ${todos} t where t.datasheet_id = d.id and t.done_at is null order by t.due_at, t.id limit 1`;
const lastContactOf = sql`(
  select max(${historyEntries.occurredAt}) from ${historyEntries} where ${historyEntries.datasheetId} = d.id and ${isContactEntry})`;
const todoCountsOf = sql`
  select count(*) filter (where t.done_at is null)::int as open_todo_count, count(*) filter (where t.done_at is not null)::int as done_todo_count,
    max(t.due_at) filter (where t.done_at is null) as latest_open_todo_due_at
  from ${todos} t where t.datasheet_id = d.id`;
const subscribedAtOf = sql`case when ${automatic} then (
  select least(b.newsletter_consent_at, (select min(c.newsletter_consent_at) from contacts c where c.business_id = d.business_id))
  from ${businesses} b where b.id = d.business_id
) end`;
const lastEngagedAtOf = sql`case when ${automatic} then (
  select max(e.at) from email_events e join emails em on em.id = e.email_id
  where em.datasheet_id = d.id and e.type in ('opened', 'clicked')
) end`;
const unreachableAtOf = sql`case when ${automatic} then (
  select min(s.created_at) from email_suppressions s
  where s.workspace_id = d.workspace_id and s.address in (
    select lower(b.email) from ${businesses} b where b.id = d.business_id and b.email is not null
    union all select lower(c.email) from contacts c where c.business_id = d.business_id and c.email is not null
  )
) end`;

/**
 * What a datasheet that does not exist yet has of the facts kept by its own rows elsewhere: none.
 * Todos, history entries and emails name their datasheet by a foreign key, so none can name a new
 * id before its row is inserted (the business's facts — name, consent, unsubscribes — are read).
 */
const noneYet = {
  nextTodoId: sql`null::uuid`,
  nextTodoDueAt: sql`null::timestamptz`,
  lastContactAt: sql`null::timestamptz`,
  openTodoCount: sql`0`,
  doneTodoCount: sql`0`,
  latestOpenTodoDueAt: sql`null::timestamptz`,
  lastEngagedAt: sql`null::timestamptz`,
};

/** A datasheet this change makes: the commit point inserts it with its facts derived, at version 1. */
export interface NewDatasheet {
  id: string;
  moduleId: string;
  businessId: string;
  /** Its status (the automatic module: where it waits until the rule places it, in the same statement batch). */
  status: StatusRef;
  responsibleUserId: string | null;
  createdAt: Date;
  /** How it was made (issue 15): never changes. */
  createdVia: string;
  /** Its values as stored rows (lib/fields/storage.ts). */
  values: readonly (StoredValue & { fieldId: string })[];
  /** The text of its system fields among those values: what the rule reads from datasheet_values. */
  system: Partial<Record<SystemKey, string>>;
}

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
 * A datasheet the change creates (`create`) is inserted here instead, at version 1, with the same
 * facts derived by the same fragments and in the status its first move gives it.
 */
export async function commitDatasheets(tx: Tx, actor: Actor, change: DatasheetChange, now = new Date()): Promise<Map<string, CommittedDatasheet>> {
  const creating = change.create ?? [];
  const createdIds = new Set(creating.map((c) => c.id));
  const ids = [...new Set(change.ids)].filter((id) => !createdIds.has(id));
  if (!ids.length && !creating.length) return new Map();
  const kinds = await moduleKindsOf(tx, actor, creating);
  // The rule needs the facts of the new datasheets of an automatic module before they are placed.
  const automaticNew = creating.filter((c) => kinds.get(c.moduleId) === "sales_auto");
  const rows = [...(await factsOfNew(tx, actor, automaticNew)), ...(await updateExisting(tx, actor, change, ids, now))];

  // The status: the rule's in the automatic module (a creation's too), the change's elsewhere.
  const automaticRows = rows.filter((r) => r.is_automatic);
  const automaticIds = new Set(automaticRows.map((r) => r.id));
  const created = new Set([...(change.statusMoves ?? []).filter((m) => m.from === null).map((m) => m.datasheetId), ...createdIds]);
  const ruled = await statusMovesAtCommit(tx, automaticRows.map(factsRowOf), created, now);
  const moves = [...(change.statusMoves ?? []).filter((m) => !automaticIds.has(m.datasheetId)), ...ruled];
  // New datasheets are inserted where their first move puts them: nothing to move afterwards.
  await insertNew(tx, actor, creating, moves, now);
  const statusEvents = await recordStatusChanges(tx, actor, moves, now, createdIds);
  await emitAll(tx, [...(change.events ?? []), ...statusEvents]);

  const movedTo = new Map(moves.map((m) => [m.datasheetId, m.to.id]));
  const committed = new Map<string, CommittedDatasheet>();
  for (const c of creating) committed.set(c.id, { id: c.id, moduleId: c.moduleId, statusId: movedTo.get(c.id) ?? c.status.id, version: 1 });
  for (const r of rows.filter((r) => !createdIds.has(r.id)))
    committed.set(r.id, { id: r.id, moduleId: r.module_id, statusId: movedTo.get(r.id) ?? r.status_id, version: r.version });
  return committed;
}

/** The kinds of the modules new datasheets go to: each must be the actor's workspace's. */
async function moduleKindsOf(tx: Tx, actor: Actor, creating: readonly NewDatasheet[]): Promise<Map<string, string>> {
  if (!creating.length) return new Map();
  const moduleIds = [...new Set(creating.map((c) => c.moduleId))];
  const found = await rowsOf<{ id: string; kind: string }>(
    tx,
    sql`select id, kind from ${modules} where id = any(${uuidArray(moduleIds)}) and workspace_id = ${actor.workspaceId}`,
  );
  if (found.length !== moduleIds.length) throw new Error("A new datasheet names a module of another workspace.");
  return new Map(found.map((m) => [m.id, m.kind]));
}

/** The existing datasheets of the change: the facts on their rows recomputed, the version bumped, in one statement. */
async function updateExisting(tx: Tx, actor: Actor, change: DatasheetChange, ids: readonly string[], now: Date): Promise<UpdatedRow[]> {
  if (!ids.length) return [];
  const own: SQL[] = [];
  if (change.set && "responsibleUserId" in change.set) own.push(sql`responsible_user_id = ${change.set.responsibleUserId ?? null}::uuid,`);
  if (change.set && "deletedAt" in change.set) {
    // Who trashed it goes with it (the trash lists it; a normal user sees what they trashed).
    const deletedAt = change.set.deletedAt ?? null;
    own.push(sql`deleted_at = ${deletedAt?.toISOString() ?? null}::timestamptz, deleted_by_user_id = ${deletedAt ? actor.userId : null}::uuid,`);
  }
  return rowsOf<UpdatedRow>(
    tx,
    sql`
      update ${datasheets} d set
        ${sql.join(own, sql` `)}
        business_name = ${businessNameOf},
        (next_todo_id, next_todo_due_at) = (${nextTodoOf}),
        last_contact_at = ${lastContactOf},
        (open_todo_count, done_todo_count, latest_open_todo_due_at) = (${todoCountsOf}),
        sales_status = case when ${automatic} then ${systemFieldValue("sales_status")} end,
        qualification = case when ${automatic} then ${systemFieldValue("qualification")} end,
        entry = case when ${automatic} then ${systemFieldValue("entry")} end,
        subscribed_at = ${subscribedAtOf},
        last_engaged_at = ${lastEngagedAtOf},
        unreachable_at = ${unreachableAtOf},
        version = d.version + 1,
        updated_by_user_id = ${actor.userId}::uuid,
        updated_at = ${now}
      from ${modules} m, ${workspaces} w
      where d.id = any(${uuidArray(ids)}) and d.workspace_id = ${actor.workspaceId} and m.id = d.module_id and w.id = d.workspace_id
      returning d.id, d.module_id, d.status_id, d.version, ${automatic} as is_automatic, m.rule_settings, w.time_zone,
        d.sales_status, d.qualification, d.entry, d.created_at, d.last_contact_at, d.open_todo_count, d.done_todo_count,
        d.latest_open_todo_due_at, d.subscribed_at, d.last_engaged_at, d.unreachable_at`,
  );
}

/**
 * The facts the rule reads of datasheets about to be inserted, derived by the same fragments as an
 * update's, in one statement: the business's consent, its addresses' unsubscribes, the system
 * fields' values they come with (of its own todos, history and email it has none yet).
 */
async function factsOfNew(tx: Tx, actor: Actor, creating: readonly NewDatasheet[]): Promise<UpdatedRow[]> {
  if (!creating.length) return [];
  return rowsOf<UpdatedRow>(
    tx,
    sql`
      select d.id, d.module_id, d.status_id, 1 as version, ${automatic} as is_automatic, m.rule_settings, w.time_zone,
        case when ${automatic} then d.sales_status end as sales_status, case when ${automatic} then d.qualification end as qualification,
        case when ${automatic} then d.entry end as entry, d.created_at, ${noneYet.lastContactAt} as last_contact_at,
        ${noneYet.openTodoCount} as open_todo_count, ${noneYet.doneTodoCount} as done_todo_count, ${noneYet.latestOpenTodoDueAt} as latest_open_todo_due_at,
        ${subscribedAtOf} as subscribed_at, ${noneYet.lastEngagedAt} as last_engaged_at, ${unreachableAtOf} as unreachable_at
      from ${newRecordset(actor, creating)}
      join ${workspaces} w on w.id = d.workspace_id`,
  );
}

/** The new datasheets as recordset `r` (with the workspace as `d`), for the fragments to read. */
function newRecordset(actor: Actor, creating: readonly NewDatasheet[], placed: (c: NewDatasheet) => object = () => ({})): SQL {
  return sql`jsonb_to_recordset(${jsonRows(
    creating.map((c) => ({
      id: c.id,
      module_id: c.moduleId,
      business_id: c.businessId,
      status_id: c.status.id,
      responsible_user_id: c.responsibleUserId,
      created_at: c.createdAt.toISOString(),
      created_via: c.createdVia,
      sales_status: c.system.sales_status ?? null,
      qualification: c.system.qualification ?? null,
      entry: c.system.entry ?? null,
      ...placed(c),
    })),
  )}) as r(id uuid, module_id uuid, business_id uuid, status_id uuid, responsible_user_id uuid, created_at timestamptz, created_via text,
      sales_status text, qualification text, entry text, status_reason text, status_changed_at timestamptz)
    cross join lateral (select r.*, ${actor.workspaceId}::uuid as workspace_id) d
    join ${modules} m on m.id = d.module_id and m.workspace_id = d.workspace_id`;
}

/**
 * The new datasheets, each in the status its first move gives it, with the facts on its row derived
 * by the same fragments as an update's (those of its own todos, history and email: none yet) — in one
 * statement — and then their values.
 */
async function insertNew(tx: Tx, actor: Actor, creating: readonly NewDatasheet[], moves: readonly StatusMove[], now: Date) {
  if (!creating.length) return;
  const moveOf = new Map(moves.map((m) => [m.datasheetId, m]));
  await tx.execute(sql`
    insert into ${datasheets} (id, workspace_id, module_id, business_id, business_name, status_id, status_reason, status_changed_at,
      responsible_user_id, last_contact_at, next_todo_id, next_todo_due_at, sales_status, qualification, entry, created_via,
      open_todo_count, done_todo_count, latest_open_todo_due_at, subscribed_at, last_engaged_at, unreachable_at,
      version, updated_by_user_id, created_at, updated_at)
    select d.id, d.workspace_id, d.module_id, d.business_id, ${businessNameOf}, d.status_id, d.status_reason, d.status_changed_at,
      d.responsible_user_id, ${noneYet.lastContactAt}, ${noneYet.nextTodoId}, ${noneYet.nextTodoDueAt},
      case when ${automatic} then d.sales_status end, case when ${automatic} then d.qualification end, case when ${automatic} then d.entry end,
      d.created_via, ${noneYet.openTodoCount}, ${noneYet.doneTodoCount}, ${noneYet.latestOpenTodoDueAt}, ${subscribedAtOf}, ${noneYet.lastEngagedAt},
      ${unreachableAtOf}, 1, ${actor.userId}::uuid, d.created_at, ${now}
    from ${newRecordset(actor, creating, (c) => {
      const move = moveOf.get(c.id);
      return {
        status_id: move?.to.id ?? c.status.id,
        status_reason: move?.reason ?? "created",
        status_changed_at: (move?.at ?? (move ? now : c.createdAt)).toISOString(),
      };
    })}`);
  const valueRows = creating.flatMap((c) => c.values.map(({ fieldId, ...stored }) => ({ ...stored, datasheet_id: c.id, field_id: fieldId })));
  if (valueRows.length) {
    await tx.execute(sql`
      insert into ${datasheetValues} (workspace_id, datasheet_id, field_id, ordinal, text_value, long_text_value, number_value, date_value, timestamp_value, bool_value, currency)
      select ${actor.workspaceId}, v.datasheet_id, v.field_id, coalesce(v."ordinal", 0), v."textValue", v."longTextValue", v."numberValue", v."dateValue", v."timestampValue", v."boolValue", v.currency
      from jsonb_to_recordset(${jsonRows(valueRows)}) as v(datasheet_id uuid, field_id uuid, "ordinal" smallint, "textValue" text, "longTextValue" text,
        "numberValue" numeric, "dateValue" date, "timestampValue" timestamptz, "boolValue" boolean, currency text)`);
  }
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
