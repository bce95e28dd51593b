import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { datasheets, datasheetValues, users } from "@/db/schema";
import { valueColumnOf } from "@/lib/fields/storage";
import { statusRank, type FilterContext } from "@/lib/views/conditions";
import type { ListSort } from "@/lib/views/filter";

/*
 * Sort orders of the client list and their keyset ("seek") conditions. Each order is
 * (value, id): the id breaks ties, so the order is total and a cursor names one position in it.
 * Nulls sort as PostgreSQL does by default (last going up, first going down), which is the order
 * of the (module, column, id) indexes in both directions.
 */

/** The custom field value a list sorts by: the first row (ordinal 0) of that field. */
export const sortValue = alias(datasheetValues, "sort_value");

export interface SortPlan {
  /** The value, as SQL. */
  expr: SQL;
  /** How a cursor's text turns back into the value's type. */
  cast: (text: string) => SQL;
  isNullable: boolean;
  join?: "status" | "responsible" | { fieldId: string };
}

const asTimestamp = (v: string) => sql`${v}::timestamptz`;
const asText = (v: string) => sql`${v}`;

export function planSort(sort: ListSort, context: FilterContext, options: { isSearch?: boolean } = {}): SortPlan | null {
  switch (sort.by) {
    case "name":
      // With a search, the same order as an expression the name index cannot serve. Walking that
      // index and testing each row against the search looks cheap to the planner, which assumes
      // the matches spread evenly; but a search is mostly part of a name, so its matches bunch
      // together (all the "Kovács" at K) and the walk read 37,000 of 100,000 rows (320 ms) for a
      // term matching 3%. Collecting the matches first and sorting them is bounded by their count:
      // 65 ms there, 150 ms for a term matching half the module.
      return { expr: options.isSearch ? sql`(${datasheets.businessName} || '')` : sql`${datasheets.businessName}`, cast: asText, isNullable: false };
    case "created":
      return { expr: sql`${datasheets.createdAt}`, cast: asTimestamp, isNullable: false };
    case "lastContact":
      return { expr: sql`${datasheets.lastContactAt}`, cast: asTimestamp, isNullable: true };
    case "nextTodo":
      return { expr: sql`${datasheets.nextTodoDueAt}`, cast: asTimestamp, isNullable: true };
    case "status":
      // The staircase order. No index holds it, so the list reads it status by status from the
      // (status, id) index (seekByStatus in list-query.ts), with each status's rank from the
      // filter context; this expression is what those ranks are.
      return {
        expr: sql`(${statusRank}) collate "C"`,
        cast: (v) => sql`${v} collate "C"`,
        isNullable: false,
        join: "status",
      };
    case "responsible":
      return {
        expr: sql`lower(${users.familyName} || ' ' || ${users.givenName})`,
        cast: asText,
        isNullable: true,
        join: "responsible",
      };
    default: {
      const key = sort.by.slice("field:".length);
      const field = context.fields.find((f) => f.key === key);
      if (!field || field.type === "long_text") return null;
      const column = valueColumnOf(field.type);
      const casts: Record<string, (v: string) => SQL> = {
        numberValue: (v) => sql`${v}::numeric`,
        dateValue: (v) => sql`${v}::date`,
        timestampValue: asTimestamp,
        boolValue: (v) => sql`${v}::boolean`,
        textValue: asText,
      };
      return { expr: sql`${sortValue[column]}`, cast: casts[column] ?? asText, isNullable: true, join: { fieldId: field.id } };
    }
  }
}

export function orderByOf(plan: SortPlan, dir: ListSort["dir"]): SQL[] {
  return dir === "asc"
    ? [sql`${plan.expr} asc nulls last`, sql`${datasheets.id} asc`]
    : [sql`${plan.expr} desc nulls first`, sql`${datasheets.id} desc`];
}

/** Rows strictly after the cursor position (value, id) in the plan's order. */
export function afterCursor(plan: SortPlan, dir: ListSort["dir"], cursor: { value: string | null; id: string }): SQL {
  const id = sql`${cursor.id}::uuid`;
  if (cursor.value === null) {
    // Among the nulls (the end going up, the start going down).
    return dir === "asc"
      ? sql`(${plan.expr} is null and ${datasheets.id} > ${id})`
      : sql`((${plan.expr} is null and ${datasheets.id} < ${id}) or ${plan.expr} is not null)`;
  }
  const value = plan.cast(cursor.value);
  if (dir === "asc") {
    const seek = sql`(${plan.expr}, ${datasheets.id}) > (${value}, ${id})`;
    return plan.isNullable ? sql`(${seek} or ${plan.expr} is null)` : seek;
  }
  return sql`(${plan.expr}, ${datasheets.id}) < (${value}, ${id})`;
}

/** The join conditions a plan needs. */
export function sortJoins(plan: SortPlan) {
  return {
    responsible: plan.join === "responsible",
    field:
      typeof plan.join === "object"
        ? and(eq(sortValue.datasheetId, datasheets.id), eq(sortValue.fieldId, plan.join.fieldId), eq(sortValue.ordinal, 0))
        : undefined,
  };
}

/**
 * A cursor names a row's position in the order and which side of it the page lies on: "after"
 * (the next page: the rows after the last row shown) or "before" (the previous page: the rows
 * before the first row shown).
 */
export interface CursorPosition {
  value: string | null;
  id: string;
  side: "after" | "before";
}

/** An opaque cursor: the sort it belongs to, a row's (value, id) and the side of it. */
export function encodeCursor(sort: ListSort, value: string | null, id: string, side: CursorPosition["side"] = "after"): string {
  const parts: unknown[] = [sort.by, sort.dir, value, id];
  if (side === "before") parts.push("before");
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

/** The cursor's position, or null when it is malformed or belongs to another sort (start over). */
export function decodeCursor(cursor: string | null, sort: ListSort): CursorPosition | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || (parsed.length !== 4 && !(parsed.length === 5 && parsed[4] === "before"))) return null;
    const [by, dir, value, id] = parsed as unknown[];
    if (by !== sort.by || dir !== sort.dir) return null;
    if (value !== null && typeof value !== "string") return null;
    if (typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    return { value, id, side: parsed.length === 5 ? "before" : "after" };
  } catch {
    return null;
  }
}

/**
 * The order read backwards. Going up, nulls come last; going down, first: so "desc nulls first"
 * is exactly "asc nulls last" reversed, and the rows before a position in one direction are the
 * rows after it in the other (the same index, scanned the other way).
 */
export function reversed(dir: ListSort["dir"]): ListSort["dir"] {
  return dir === "asc" ? "desc" : "asc";
}
