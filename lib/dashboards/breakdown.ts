import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { datasheets, fieldOptions, fields, modules, workspaces, type FieldType } from "@/db/schema";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { visibleDatasheets } from "@/lib/datasheets/access";
import { rowsOf } from "@/lib/db/sql";
import { NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import type { FieldFilter, ListFilter } from "@/lib/views/filter";

/*
 * A module's datasheets broken down by a field the admin picks (issue 15; the brief: fields are
 * "used for reports and statistics and to segment and group clients"): the responsible user, a
 * select field (by option), a user field (by user) or a date field (by month). One aggregate over
 * the datasheets the actor may see; datasheets without a value are a bar of their own.
 */

export const RESPONSIBLE = "responsible";
const BREAKABLE: FieldType[] = ["single_select", "multi_select", "user", "date", "datetime"];

export interface BreakdownChoice {
  /** `responsible`, or a field's key. */
  key: string;
  label: string;
  type: FieldType | "responsible";
}

export interface BreakdownBar {
  /** An option key, a user id, `YYYY-MM`, or null: no value. */
  value: string | null;
  /** The option's label; null where the page names it (users, months, no value). */
  label: string | null;
  count: number;
}

export interface Breakdown {
  moduleId: string;
  by: BreakdownChoice;
  /** Every choice the module offers (`by` is one of them), for the picker. */
  choices: BreakdownChoice[];
  bars: BreakdownBar[];
}

/** What a module's datasheets can be broken down by: the responsible user, then its select, user and date fields in order. */
export async function breakdownChoices(conn: Conn, actor: UserActor, moduleId: string): Promise<BreakdownChoice[]> {
  assertCan(actor, "reports.team");
  assertId(moduleId);
  const rows = await conn
    .select({ key: fields.key, label: fields.label, type: fields.type })
    .from(fields)
    .innerJoin(modules, eq(modules.id, fields.moduleId))
    .where(and(eq(fields.moduleId, moduleId), eq(modules.workspaceId, actor.workspaceId), isNull(modules.archivedAt), isNull(fields.archivedAt)))
    .orderBy(asc(fields.position), asc(fields.id));
  return [{ key: RESPONSIBLE, label: "", type: "responsible" }, ...rows.filter((f) => BREAKABLE.includes(f.type))];
}

/**
 * The list filter that shows a bar's datasheets, as the bar counts them: the user, the option, the
 * month (its first to last day; a date and time's on the workspace's clock), or "no value".
 */
export function barFilter(by: BreakdownChoice, bar: BreakdownBar): ListFilter {
  if (by.type === "responsible") return { responsible: [bar.value ?? "none"] };
  const field = (filter: FieldFilter): ListFilter => ({ fields: { [by.key]: filter } });
  if (bar.value === null) return field({ op: "empty" });
  if (by.type === "single_select" || by.type === "multi_select") return field({ op: "in", options: [bar.value] });
  if (by.type === "user") return field({ op: "users", users: [bar.value] });
  const [year, month] = bar.value.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return field({ op: "between", from: `${bar.value}-01`, to: `${bar.value}-${String(last).padStart(2, "0")}` });
}

export async function moduleBreakdown(conn: Conn, actor: UserActor, moduleId: string, by: string): Promise<Breakdown> {
  const choices = await breakdownChoices(conn, actor, moduleId);
  const choice = choices.find((c) => c.key === by) ?? choices[0]!;
  const [module] = await conn
    .select({ id: modules.id, timeZone: workspaces.timeZone })
    .from(modules)
    .innerJoin(workspaces, eq(workspaces.id, modules.workspaceId))
    .where(and(eq(modules.id, moduleId), eq(modules.workspaceId, actor.workspaceId), isNull(modules.archivedAt)));
  if (!module) throw new NotFoundError();
  const visible = sql`${datasheets.moduleId} = ${moduleId} and ${visibleDatasheets(actor)}`;

  if (choice.type === "responsible") {
    const rows = await rowsOf<{ value: string | null; count: number }>(
      conn,
      sql`select ${datasheets.responsibleUserId} as value, count(*)::int as count from ${datasheets} where ${visible} group by 1 order by 2 desc, 1`,
    );
    return { moduleId, by: choice, choices, bars: rows.map((r) => ({ value: r.value, label: null, count: Number(r.count) })) };
  }

  const [field] = await conn
    .select({ id: fields.id })
    .from(fields)
    .where(and(eq(fields.moduleId, moduleId), eq(fields.key, choice.key)));
  const value =
    choice.type === "date"
      ? sql`to_char(v.date_value, 'YYYY-MM')`
      : choice.type === "datetime"
        ? sql`to_char(v.timestamp_value at time zone ${module.timeZone}, 'YYYY-MM')`
        : sql`v.text_value`;
  // A multi select counts a datasheet once per option it holds; "no value" once per datasheet with none.
  const rows = await rowsOf<{ value: string | null; count: number }>(
    conn,
    sql`
      select ${value} as value, count(distinct ${datasheets.id})::int as count
        from ${datasheets} join datasheet_values v on v.datasheet_id = ${datasheets.id} and v.field_id = ${field!.id}
       where ${visible}
       group by 1
      union all
      select null, count(*)::int from ${datasheets}
       where ${visible} and not exists (select 1 from datasheet_values v where v.datasheet_id = ${datasheets.id} and v.field_id = ${field!.id})`,
  );
  const labels =
    choice.type === "single_select" || choice.type === "multi_select"
      ? new Map(
          (
            await conn
              .select({ key: fieldOptions.key, label: fieldOptions.label, position: fieldOptions.position })
              .from(fieldOptions)
              .where(eq(fieldOptions.fieldId, field!.id))
              .orderBy(asc(fieldOptions.position), asc(fieldOptions.id))
          ).map((o, i) => [o.key, { label: o.label, order: i }]),
        )
      : null;
  const bars = rows
    .map((r) => ({ value: r.value, label: r.value && labels ? (labels.get(r.value)?.label ?? r.value) : null, count: Number(r.count) }))
    .filter((b) => b.count > 0);
  // Options in the field's order, months in time order, users by count; "no value" last.
  bars.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? 1 : -1;
    if (labels) return (labels.get(a.value)?.order ?? 1e9) - (labels.get(b.value)?.order ?? 1e9);
    if (choice.type === "user") return b.count - a.count || a.value.localeCompare(b.value);
    return a.value.localeCompare(b.value);
  });
  return { moduleId, by: choice, choices, bars };
}
