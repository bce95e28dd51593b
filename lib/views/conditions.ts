import "server-only";
import { and, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { businesses, datasheets, statuses, statusGroups, type FieldType } from "@/db/schema";
import { valueColumnOf } from "@/lib/fields/storage";
import type { FieldFilter, ListFilter } from "./filter";

/**
 * What a filter's keys mean in one module: its statuses (with their group) and fields. Loaded once
 * per request with the module (`loadListScope`), so the condition names status ids directly, which lets the
 * planner use the (module, status, sort column) indexes.
 */
export interface FilterContext {
  moduleId: string;
  workspaceId: string;
  /** The workspace's time zone: a date and time filter's days are its days. */
  timeZone: string;
  /**
   * In staircase order. `rank` is the group's and the status's positions, as the list's status sort
   * compares them (byte by byte).
   */
  statuses: { id: string; key: string; groupKey: string; rank: string }[];
  /** In the module's order; system fields (the automatic module's facts) included. */
  fields: { id: string; key: string; type: FieldType; isSystem: boolean }[];
}

/** A status's place in the staircase, as text that sorts byte by byte ("C"): its group's position, then its own. */
export const statusRank = sql<string>`${statusGroups.position} || ' ' || ${statuses.position}`;

/** `%`, `_` and `\` are literal in a search. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const matchNothing = sql`false`;

/** Datasheets whose value rows for this field satisfy `where` (one index range scan). */
function withValue(fieldId: string, where: SQL): SQL {
  return sql`${datasheets.id} in (select dv.datasheet_id from datasheet_values dv where dv.field_id = ${fieldId} and ${where})`;
}

function fieldCondition(field: FilterContext["fields"][number], filter: FieldFilter, timeZone: string): SQL {
  switch (filter.op) {
    case "in":
      if (field.type !== "single_select" && field.type !== "multi_select") return matchNothing;
      return withValue(
        field.id,
        sql`dv.text_value in (${sql.join(
          filter.options.map((o) => sql`${o}`),
          sql`, `,
        )})`,
      );
    case "range": {
      if (field.type !== "number" && field.type !== "money") return matchNothing;
      const parts = [sql`dv.number_value is not null`];
      if (filter.min !== undefined) parts.push(sql`dv.number_value >= ${filter.min}::numeric`);
      if (filter.max !== undefined) parts.push(sql`dv.number_value <= ${filter.max}::numeric`);
      return withValue(field.id, sql.join(parts, sql` and `));
    }
    case "between": {
      if (field.type === "date") {
        const parts = [sql`dv.date_value is not null`];
        if (filter.from) parts.push(sql`dv.date_value >= ${filter.from}::date`);
        if (filter.to) parts.push(sql`dv.date_value <= ${filter.to}::date`);
        return withValue(field.id, sql.join(parts, sql` and `));
      }
      if (field.type === "datetime") {
        // Days on the workspace's clock, as the datasheet shows the time.
        const parts = [sql`dv.timestamp_value is not null`];
        if (filter.from) parts.push(sql`dv.timestamp_value >= (${filter.from}::date)::timestamp at time zone ${timeZone}`);
        if (filter.to) parts.push(sql`dv.timestamp_value < (${filter.to}::date + 1)::timestamp at time zone ${timeZone}`);
        return withValue(field.id, sql.join(parts, sql` and `));
      }
      return matchNothing;
    }
    case "empty":
      return sql`not (${withValue(field.id, sql`true`)})`;
    case "users":
      if (field.type !== "user") return matchNothing;
      return withValue(
        field.id,
        sql`dv.text_value in (${sql.join(
          filter.users.map((u) => sql`${u}`),
          sql`, `,
        )})`,
      );
    case "checked": {
      if (field.type !== "checkbox") return matchNothing;
      const ticked = withValue(field.id, sql`dv.bool_value = true`);
      return filter.value ? ticked : sql`not (${ticked})`;
    }
    case "contains": {
      if (!["text", "long_text", "email", "phone", "url"].includes(field.type)) return matchNothing;
      const column = sql.raw(valueColumnOf(field.type) === "longTextValue" ? "dv.long_text_value" : "dv.text_value");
      return withValue(field.id, sql`lower(${column}) like ${likePattern(filter.text)}`);
    }
  }
}

/** The module's statuses a filter's status and group keys let through (all of them when it names none), in staircase order. */
export function statusesMatching(filter: ListFilter, context: FilterContext): FilterContext["statuses"] {
  if (!filter.statuses?.length && !filter.groups?.length) return context.statuses;
  const wanted = new Set(filter.statuses ?? []);
  const wantedGroups = new Set(filter.groups ?? []);
  return context.statuses.filter((s) => wanted.has(s.key) || wantedGroups.has(s.groupKey));
}

/**
 * The SQL condition of a filter over `datasheets` (the module and workspace included; visibility is
 * the caller's: `visibleDatasheets(actor)`). A key that no longer exists — a removed status or
 * field — matches nothing, so an automation never widens to datasheets its view did not mean.
 * `meUserId` is who "me" is: the viewer, or for an automation the view's owner.
 */
export function filterCondition(filter: ListFilter, context: FilterContext, meUserId: string | null): SQL {
  const parts: SQL[] = [eq(datasheets.workspaceId, context.workspaceId), eq(datasheets.moduleId, context.moduleId)];

  if (filter.statuses?.length || filter.groups?.length) {
    const ids = statusesMatching(filter, context).map((s) => s.id);
    if (ids.length === 0) parts.push(matchNothing);
    else if (ids.length === 1) parts.push(eq(datasheets.statusId, ids[0]!));
    else parts.push(inArray(datasheets.statusId, ids));
  }

  if (filter.responsible?.length) {
    const userIds = filter.responsible.flatMap((r) => (r === "none" ? [] : r === "me" ? (meUserId ? [meUserId] : []) : [r]));
    const alternatives: SQL[] = [];
    if (filter.responsible.includes("none")) alternatives.push(isNull(datasheets.responsibleUserId));
    if (userIds.length) alternatives.push(inArray(datasheets.responsibleUserId, userIds));
    parts.push(alternatives.length ? sql`(${sql.join(alternatives, sql` or `)})` : matchNothing);
  }

  if (filter.q) {
    parts.push(
      sql`${datasheets.businessId} in (select ${businesses.id} from ${businesses} where ${businesses.workspaceId} = ${context.workspaceId} and ${businesses.searchText} like ${likePattern(filter.q)})`,
    );
  }

  if (filter.importId) {
    parts.push(
      sql`${datasheets.id} in (select r.datasheet_id from import_rows r where r.import_id = ${filter.importId} and r.workspace_id = ${context.workspaceId} and r.outcome in ('created', 'updated'))`,
    );
  }

  for (const [key, fieldFilter] of Object.entries(filter.fields ?? {})) {
    const field = context.fields.find((f) => f.key === key);
    parts.push(field ? fieldCondition(field, fieldFilter, context.timeZone) : matchNothing);
  }

  return and(...parts)!;
}
