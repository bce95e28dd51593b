import "server-only";
import { and, asc, count, countDistinct, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import {
  datasheets,
  datasheetValues,
  fieldOptions,
  fields,
  modules,
  statuses,
  statusGroups,
  type FieldSettings,
  type FieldType,
  type ModuleKind,
} from "@/db/schema";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { isSelectType } from "@/lib/fields/types";
import { assertId } from "@/lib/ids";
import { statusTextColor } from "./colors";

export { listModuleKinds } from "./templates";

export interface ModuleSummary {
  id: string;
  name: string;
  kind: ModuleKind;
  position: string;
  archivedAt: Date | null;
  createdAt: Date;
}

const summaryColumns = {
  id: modules.id,
  name: modules.name,
  kind: modules.kind,
  position: modules.position,
  archivedAt: modules.archivedAt,
  createdAt: modules.createdAt,
};

/**
 * The workspace's modules in their order. Every member may list the active ones (they are the
 * app's navigation); archived ones are for Settings, so for admins only.
 */
export async function listModules(actor: UserActor, options: { includeArchived?: boolean } = {}): Promise<ModuleSummary[]> {
  if (options.includeArchived) assertCan(actor, "settings.manage");
  const db = await getDb();
  return db
    .select(summaryColumns)
    .from(modules)
    .where(and(eq(modules.workspaceId, actor.workspaceId), options.includeArchived ? undefined : isNull(modules.archivedAt)))
    .orderBy(asc(modules.position), asc(modules.id));
}

export interface StatusConfig {
  id: string;
  key: string;
  name: string;
  color: string;
  /** Black or white: the chip's label colour that reads best on `color`. */
  textColor: "#000000" | "#ffffff";
  position: string;
  isSystem: boolean;
  /** How many datasheets are in it: removing it asks where they go when not 0. */
  datasheetCount: number;
}

export interface GroupConfig {
  id: string;
  key: string;
  name: string;
  position: string;
  isSystem: boolean;
  statuses: StatusConfig[];
}

export interface OptionConfig {
  id: string;
  key: string;
  label: string;
  position: string;
  isSystem: boolean;
  datasheetCount: number;
}

export interface FieldConfig {
  id: string;
  key: string;
  label: string;
  type: FieldType;
  helpText: string;
  isRequired: boolean;
  isSystem: boolean;
  position: string;
  settings: FieldSettings;
  archivedAt: Date | null;
  /** How many datasheets hold a value: removing the field deletes them. */
  datasheetCount: number;
  options: OptionConfig[];
}

export interface ModuleConfig {
  module: ModuleSummary & { isAutomatic: boolean };
  groups: GroupConfig[];
  /** Archived fields too (with `archivedAt`), in their order. */
  fields: FieldConfig[];
}

/** Everything the statuses and fields editors show for one module (admins only). */
export async function getModuleConfig(actor: UserActor, moduleId: string): Promise<ModuleConfig> {
  assertCan(actor, "settings.manage");
  assertId(moduleId);
  const db = await getDb();
  const [module] = await db
    .select(summaryColumns)
    .from(modules)
    .where(and(eq(modules.id, moduleId), eq(modules.workspaceId, actor.workspaceId)));
  if (!module) throw new NotFoundError();

  const fieldsOfModule = db.select({ id: fields.id }).from(fields).where(eq(fields.moduleId, moduleId));
  const selectFieldsOfModule = db
    .select({ id: fields.id })
    .from(fields)
    .where(and(eq(fields.moduleId, moduleId), inArray(fields.type, ["single_select", "multi_select"])));
  const [groupRows, statusRows, statusCounts, fieldRows, optionRows, fieldCounts, optionCounts] = await Promise.all([
    db.select().from(statusGroups).where(eq(statusGroups.moduleId, moduleId)).orderBy(asc(statusGroups.position), asc(statusGroups.id)),
    db.select().from(statuses).where(eq(statuses.moduleId, moduleId)).orderBy(asc(statuses.position), asc(statuses.id)),
    db
      .select({ statusId: datasheets.statusId, n: count() })
      .from(datasheets)
      .where(and(eq(datasheets.workspaceId, actor.workspaceId), eq(datasheets.moduleId, moduleId)))
      .groupBy(datasheets.statusId),
    db.select().from(fields).where(eq(fields.moduleId, moduleId)).orderBy(asc(fields.position), asc(fields.id)),
    db
      .select()
      .from(fieldOptions)
      .where(inArray(fieldOptions.fieldId, fieldsOfModule))
      .orderBy(asc(fieldOptions.position), asc(fieldOptions.id)),
    db
      .select({ fieldId: datasheetValues.fieldId, n: countDistinct(datasheetValues.datasheetId) })
      .from(datasheetValues)
      .where(inArray(datasheetValues.fieldId, fieldsOfModule))
      .groupBy(datasheetValues.fieldId),
    db
      .select({ fieldId: datasheetValues.fieldId, key: datasheetValues.textValue, n: countDistinct(datasheetValues.datasheetId) })
      .from(datasheetValues)
      .where(and(inArray(datasheetValues.fieldId, selectFieldsOfModule), isNotNull(datasheetValues.textValue)))
      .groupBy(datasheetValues.fieldId, datasheetValues.textValue),
  ]);

  const statusCount = new Map(statusCounts.map((c) => [c.statusId, c.n]));
  const fieldCount = new Map(fieldCounts.map((c) => [c.fieldId, c.n]));
  const optionCount = new Map(optionCounts.map((c) => [`${c.fieldId}:${c.key}`, c.n]));
  const selectFieldIds = new Set(fieldRows.filter((f) => isSelectType(f.type)).map((f) => f.id));

  return {
    module: { ...module, isAutomatic: module.kind === "sales_auto" },
    groups: groupRows.map((g) => ({
      id: g.id,
      key: g.key,
      name: g.name,
      position: g.position,
      isSystem: g.isSystem,
      statuses: statusRows
        .filter((s) => s.groupId === g.id)
        .map((s) => ({
          id: s.id,
          key: s.key,
          name: s.name,
          color: s.color,
          textColor: statusTextColor(s.color),
          position: s.position,
          isSystem: s.isSystem,
          datasheetCount: statusCount.get(s.id) ?? 0,
        })),
    })),
    fields: fieldRows.map((f) => ({
      id: f.id,
      key: f.key,
      label: f.label,
      type: f.type,
      helpText: f.helpText,
      isRequired: f.isRequired,
      isSystem: f.isSystem,
      position: f.position,
      settings: f.settings,
      archivedAt: f.archivedAt,
      datasheetCount: fieldCount.get(f.id) ?? 0,
      options: selectFieldIds.has(f.id)
        ? optionRows
            .filter((o) => o.fieldId === f.id)
            .map((o) => ({
              id: o.id,
              key: o.key,
              label: o.label,
              position: o.position,
              isSystem: o.isSystem,
              datasheetCount: optionCount.get(`${f.id}:${o.key}`) ?? 0,
            }))
        : [],
    })),
  };
}

export interface ModuleWithStatuses {
  id: string;
  name: string;
  kind: ModuleKind;
  /** In board order (the groups' order, then each group's). */
  statuses: { id: string; key: string; name: string; group: string; color: string; position: number }[];
}

/**
 * The REST API's `GET /modules` (any member: they are the app's navigation): the active modules
 * with their statuses, each with its group's key and its place in the board's order from 0.
 */
export async function listModulesWithStatuses(actor: UserActor): Promise<ModuleWithStatuses[]> {
  const db = await getDb();
  const [moduleRows, statusRows] = await Promise.all([
    listModules(actor),
    db
      .select({ id: statuses.id, moduleId: statuses.moduleId, key: statuses.key, name: statuses.name, group: statusGroups.key, color: statuses.color })
      .from(statuses)
      .innerJoin(statusGroups, eq(statusGroups.id, statuses.groupId))
      .where(eq(statuses.workspaceId, actor.workspaceId))
      .orderBy(asc(statusGroups.position), asc(statusGroups.id), asc(statuses.position), asc(statuses.id)),
  ]);
  return moduleRows.map((m) => ({
    id: m.id,
    name: m.name,
    kind: m.kind,
    statuses: statusRows.filter((s) => s.moduleId === m.id).map(({ moduleId: _, ...s }, position) => ({ ...s, position })),
  }));
}
