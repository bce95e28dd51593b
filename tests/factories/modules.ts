import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import {
  businesses,
  datasheets,
  datasheetValues,
  fieldOptions,
  fields,
  modules,
  statuses,
  statusGroups,
  type ModuleKind,
} from "@/db/schema";
import type { UserActor } from "@/lib/auth/permissions";
import { toStoredValues } from "@/lib/fields/storage";
import { parseFieldValue } from "@/lib/fields/values";
import { createModuleFromKind } from "@/lib/modules/module-mutations";
import { getModuleConfig, type ModuleConfig } from "@/lib/modules/queries";
import type { StatusGroupKey, StatusKey } from "@/lib/statuses/derive";

/** A module made through the service (as an admin would), with its configuration. */
export async function createTestModule(
  admin: UserActor,
  kind: ModuleKind = "sales_manual",
  name = "",
): Promise<ModuleConfig> {
  const { id } = await createModuleFromKind(admin, { kind, name });
  return getModuleConfig(admin, id);
}

export function statusByKey(config: ModuleConfig, key: string) {
  const status = config.groups.flatMap((g) => g.statuses).find((s) => s.key === key);
  if (!status) throw new Error(`no status ${key}`);
  return status;
}

export function fieldByKey(config: ModuleConfig, key: string) {
  const field = config.fields.find((f) => f.key === key);
  if (!field) throw new Error(`no field ${key}`);
  return field;
}

/** `count` datasheets in one status, each with a business of its own, in two statements; returns their ids. */
export async function createDatasheets(
  workspaceId: string,
  target: { moduleId: string; statusId: string },
  count: number,
): Promise<string[]> {
  const db = await getDb();
  const result = await db.execute<{ id: string }>(sql`
    with made as (
      insert into ${businesses} (workspace_id, name, search_text)
      select ${workspaceId}::uuid, 'Business ' || n, 'business ' || n from generate_series(1, ${count}) as n
      returning id, name
    )
    insert into ${datasheets} (workspace_id, module_id, business_id, business_name, status_id)
    select ${workspaceId}::uuid, ${target.moduleId}::uuid, made.id, made.name, ${target.statusId}::uuid from made
    returning id`);
  const rows = (result as unknown as { rows: { id: string }[] }).rows;
  return rows.map((r) => r.id);
}

/** Stores a datasheet's value for a field, validated the way the datasheet service will. */
export async function setFieldValue(datasheetId: string, fieldId: string, raw: unknown): Promise<void> {
  const db = await getDb();
  const [field] = await db.select().from(fields).where(eq(fields.id, fieldId));
  if (!field) throw new Error("no such field");
  const options = await db
    .select({ key: fieldOptions.key })
    .from(fieldOptions)
    .where(eq(fieldOptions.fieldId, fieldId));
  const parsed = parseFieldValue({ ...field, options }, raw);
  if (!parsed.ok) throw new Error(`invalid value for ${field.key}: ${parsed.error}`);
  await db
    .delete(datasheetValues)
    .where(and(eq(datasheetValues.datasheetId, datasheetId), eq(datasheetValues.fieldId, fieldId)));
  const rows = toStoredValues(field.type, parsed.value);
  if (rows.length) {
    await db
      .insert(datasheetValues)
      .values(rows.map((r) => ({ ...r, workspaceId: field.workspaceId, datasheetId, fieldId })));
  }
}

/** The stored values of a field, per datasheet: { datasheetId: [text values in order] }. */
export async function textValuesOf(fieldId: string): Promise<Record<string, string[]>> {
  const db = await getDb();
  const rows = await db
    .select({ datasheetId: datasheetValues.datasheetId, text: datasheetValues.textValue })
    .from(datasheetValues)
    .where(eq(datasheetValues.fieldId, fieldId))
    .orderBy(asc(datasheetValues.datasheetId), asc(datasheetValues.ordinal));
  const out: Record<string, string[]> = {};
  for (const row of rows) (out[row.datasheetId] ??= []).push(row.text ?? "");
  return out;
}


/** Every configuration row and datasheet of a workspace, to show that a refused call changed nothing. */
export async function workspaceSnapshot(workspaceId: string) {
  const db = await getDb();
  const order = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
  const values = await db
    .select()
    .from(datasheetValues)
    .where(eq(datasheetValues.workspaceId, workspaceId))
    .orderBy(asc(datasheetValues.datasheetId), asc(datasheetValues.fieldId), asc(datasheetValues.ordinal));
  return {
    modules: order(await db.select().from(modules).where(eq(modules.workspaceId, workspaceId))),
    groups: order(await db.select().from(statusGroups).where(eq(statusGroups.workspaceId, workspaceId))),
    statuses: order(await db.select().from(statuses).where(eq(statuses.workspaceId, workspaceId))),
    fields: order(await db.select().from(fields).where(eq(fields.workspaceId, workspaceId))),
    options: order(await db.select().from(fieldOptions).where(eq(fieldOptions.workspaceId, workspaceId))),
    datasheets: order(await db.select().from(datasheets).where(eq(datasheets.workspaceId, workspaceId))),
    values,
  };
}

/** The automatic sales module, made as an admin makes it, with its keyed groups, statuses and system fields at hand. */
export async function createAutomaticModule(admin: UserActor) {
  const config = await createTestModule(admin, "sales_auto");
  const groups = Object.fromEntries(config.groups.map((g) => [g.key, g.id])) as Record<StatusGroupKey, string>;
  const statuses = Object.fromEntries(config.groups.flatMap((g) => g.statuses.map((s) => [s.key, s.id]))) as Record<StatusKey, string>;
  const db = await getDb();
  const [salesStatusField] = await db.select().from(fields).where(and(eq(fields.moduleId, config.module.id), eq(fields.key, "sales_status")));
  return { config, moduleId: config.module.id, groups, statuses, salesStatusField: salesStatusField! };
}
