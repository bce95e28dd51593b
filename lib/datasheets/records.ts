import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import {
  businesses,
  contacts,
  datasheets,
  datasheetValues,
  fields,
  statusChanges,
  statuses,
  statusGroups,
  type BusinessKind,
  type FieldType,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { fromStoredValues, type StoredValue } from "@/lib/fields/storage";
import { groupBy } from "@/lib/group-by";
import type { FieldValue } from "@/lib/fields/values";
import { defaultSort, type ListFilter } from "@/lib/views/filter";
import { getVisibleDatasheet, visibleDatasheets } from "./access";
import { loadListScope, queryListPage } from "./list-query";
import { decodeCursor } from "./list-sort";

/*
 * A datasheet as a whole, as integrations read it (the REST API): its business and contact
 * persons, its status with the group and the reason, the automatic module's facts, the responsible
 * user and its custom fields. Read set-based for any number of datasheets, always through the one
 * visibility rule (./access.ts): an id the actor may not see is simply not there.
 */

export interface DatasheetRecord {
  id: string;
  moduleId: string;
  business: { id: string; kind: BusinessKind; name: string; email: string | null; phone: string | null; taxNumber: string | null };
  contacts: { id: string; name: string; email: string | null; phone: string | null; position: string | null }[];
  status: { id: string; key: string; name: string; group: string };
  /** Why it is in its status: the rule of SPEC §3.1 that fired (automatic module), or "created", "manual"… */
  statusReason: string | null;
  /** The automatic module's facts (SPEC §3); null elsewhere. */
  salesStatus: string | null;
  qualification: string | null;
  entry: string | null;
  responsibleUserId: string | null;
  /** Every custom field of the module by key (null: empty); the automatic module's system fields are the facts above. */
  fields: Record<string, FieldValue | null>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A module's custom fields as a record lists them: not the automatic module's facts, in the module's order. */
type RecordField = { id: string; moduleId: string; key: string; type: FieldType };

/** A stored value row as the records statement reads it (JSON: numbers as text, so no amount loses a digit). */
type ValueJson = {
  f: string;
  o: number;
  t: string | null;
  l: string | null;
  n: string | null;
  d: string | null;
  s: string | null;
  b: boolean | null;
  c: string | null;
};

/**
 * The datasheets among `ids` the actor may see, in the order of `ids`: one statement, each row with
 * its contact persons and field values beside it. A caller that has the module's fields at hand (a
 * list page) passes them; otherwise they are read in a second statement.
 */
export async function datasheetRecords(conn: Conn, actor: Actor, ids: readonly string[], known?: { fields: RecordField[] }): Promise<DatasheetRecord[]> {
  if (!ids.length) return [];
  const rows = await conn
    .select({
      // What a record shows, not whole rows: the wide rows cost more to read than the rest together.
      datasheet: {
        id: datasheets.id,
        moduleId: datasheets.moduleId,
        statusReason: datasheets.statusReason,
        salesStatus: datasheets.salesStatus,
        qualification: datasheets.qualification,
        entry: datasheets.entry,
        responsibleUserId: datasheets.responsibleUserId,
        version: datasheets.version,
        createdAt: datasheets.createdAt,
        updatedAt: datasheets.updatedAt,
      },
      business: {
        id: businesses.id,
        kind: businesses.kind,
        name: businesses.name,
        email: businesses.email,
        phone: businesses.phone,
        taxNumber: businesses.taxNumber,
      },
      status: { id: statuses.id, key: statuses.key, name: statuses.name, group: statusGroups.key },
      contacts: sql<DatasheetRecord["contacts"]>`(
        select coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'email', c.email, 'phone', c.phone, 'position', c.position)
                                 order by c.created_at, c.id), '[]'::json)
          from ${contacts} c
         where c.business_id = ${businesses.id} and c.workspace_id = ${actor.workspaceId})`,
      values: sql<ValueJson[]>`(
        select coalesce(json_agg(json_build_object('f', v.field_id, 'o', v.ordinal, 't', v.text_value, 'l', v.long_text_value, 'n', v.number_value::text,
                                                   'd', v.date_value::text, 's', v.timestamp_value, 'b', v.bool_value, 'c', v.currency)), '[]'::json)
          from ${datasheetValues} v
         where v.datasheet_id = ${datasheets.id} and v.workspace_id = ${actor.workspaceId})`,
    })
    .from(datasheets)
    .innerJoin(businesses, eq(businesses.id, datasheets.businessId))
    .innerJoin(statuses, eq(statuses.id, datasheets.statusId))
    .innerJoin(statusGroups, eq(statusGroups.id, statuses.groupId))
    .where(and(inArray(datasheets.id, [...ids]), visibleDatasheets(actor)));
  if (!rows.length) return [];
  const fieldList =
    known?.fields ??
    (await conn
      .select({ id: fields.id, moduleId: fields.moduleId, key: fields.key, type: fields.type })
      .from(fields)
      .where(
        and(
          inArray(fields.moduleId, [...new Set(rows.map((r) => r.datasheet.moduleId))]),
          eq(fields.workspaceId, actor.workspaceId),
          isNull(fields.archivedAt),
          eq(fields.isSystem, false),
        ),
      )
      .orderBy(asc(fields.position), asc(fields.id)));
  const fieldsOf = groupBy(fieldList, (f) => f.moduleId);

  const byId = new Map(
    rows.map(({ datasheet: d, business: b, status, contacts: people, values }) => {
      const valuesOf = groupBy(values, (v) => v.f);
      const record: DatasheetRecord = {
        id: d.id,
        moduleId: d.moduleId,
        business: b,
        contacts: people,
        status,
        statusReason: d.statusReason,
        salesStatus: d.salesStatus,
        qualification: d.qualification,
        entry: d.entry,
        responsibleUserId: d.responsibleUserId,
        fields: Object.fromEntries((fieldsOf.get(d.moduleId) ?? []).map((f) => [f.key, fromStoredValues(f.type, (valuesOf.get(f.id) ?? []).map(storedValue))])),
        version: d.version,
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
      };
      return [d.id, record] as const;
    }),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function storedValue(v: ValueJson): StoredValue {
  return {
    ordinal: v.o,
    textValue: v.t,
    longTextValue: v.l,
    numberValue: v.n,
    dateValue: v.d,
    timestampValue: v.s === null ? null : new Date(v.s),
    boolValue: v.b,
    currency: v.c,
  };
}

/** One datasheet the actor may see; anything else (missing, foreign, trashed, not an id) is "not found". */
export async function getDatasheetRecord(conn: Conn, actor: Actor, datasheetId: string): Promise<DatasheetRecord> {
  await getVisibleDatasheet(conn, actor, datasheetId);
  const [record] = await datasheetRecords(conn, actor, [datasheetId]);
  if (!record) throw new NotFoundError();
  return record;
}

/** A cursor a page of listDatasheetRecords answered (the list reads any other as "from the start"). */
export function isListCursor(cursor: string): boolean {
  return decodeCursor(cursor, defaultSort) !== null;
}

export interface RecordListQuery {
  filter: ListFilter;
  cursor?: string | null;
  limit?: number;
}

/**
 * A page of a module's datasheets through the client list's own query (its filter, visibility and
 * trash rules, newest first), each read whole. The cursor is the list's (`isListCursor`).
 */
export async function listDatasheetRecords(
  conn: Conn,
  actor: Actor,
  moduleId: string,
  query: RecordListQuery,
): Promise<{ records: DatasheetRecord[]; nextCursor: string | null }> {
  const scope = await loadListScope(conn, actor, moduleId);
  const page = await queryListPage(conn, actor, scope, { filter: query.filter, sort: defaultSort, cursor: query.cursor ?? null, limit: query.limit });
  const recordFields = scope.context.fields.filter((f) => !f.isSystem).map((f) => ({ ...f, moduleId }));
  return {
    records: await datasheetRecords(
      conn,
      actor,
      page.rows.map((r) => r.id),
      { fields: recordFields },
    ),
    nextCursor: page.nextCursor,
  };
}

export interface StatusChangeRecord {
  /** Status keys; `from` null: the datasheet was created in `to`. */
  from: string | null;
  to: string;
  reason: string;
  actor: { type: "user"; id: string } | { type: "system" };
  at: Date;
}

/** A datasheet's status changes, oldest first, for an actor who may see it. */
export async function listStatusChanges(conn: Conn, actor: Actor, datasheetId: string): Promise<StatusChangeRecord[]> {
  const datasheet = await getVisibleDatasheet(conn, actor, datasheetId);
  const rows = await conn
    .select()
    .from(statusChanges)
    .where(and(eq(statusChanges.datasheetId, datasheet.id), eq(statusChanges.workspaceId, actor.workspaceId)))
    .orderBy(asc(statusChanges.at), asc(statusChanges.id));
  return rows.map((c) => ({
    from: c.fromKey,
    to: c.toKey,
    reason: c.reason,
    // A change a user set off is theirs (the rule it fired included); the system's has no user.
    actor: c.actorUserId && !c.actorSystem ? { type: "user", id: c.actorUserId } : { type: "system" },
    at: c.at,
  }));
}
