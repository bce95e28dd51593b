import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { listPreferences, modules, type FieldType } from "@/db/schema";
import type { UserActor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { configModule, getWorkspaceConfig, type ConfigReader } from "@/lib/workspaces/config";

/*
 * Which columns a user shows in a module's list, remembered per user and module
 * (`list_preferences`). The business name is always shown; custom fields are `field:<key>`.
 */

export const builtInColumns = ["status", "responsible", "nextTodo", "lastContact", "created"] as const;
export type BuiltInColumn = (typeof builtInColumns)[number];
export const defaultColumns: string[] = ["status", "responsible", "nextTodo", "lastContact"];

export const columnIdSchema = z.union([z.enum(builtInColumns), z.string().regex(/^field:[a-z0-9_]{1,100}$/)]);
export const columnListSchema = z.array(columnIdSchema).max(60);

/** Comma-separated column ids from a form, known ones only, each once. */
export const saveColumnsSchema = z.object({
  moduleId: z.string().trim().max(100),
  columns: z
    .string()
    .max(4000)
    .transform((v) => [...new Set(v.split(",").map((s) => s.trim()).filter((s) => columnIdSchema.safeParse(s).success))]),
});

export async function getListColumns(actor: UserActor, moduleId: string): Promise<string[]> {
  assertId(moduleId);
  const db = await getDb();
  const [row] = await db
    .select({ columns: listPreferences.columns })
    .from(listPreferences)
    .innerJoin(modules, eq(modules.id, listPreferences.moduleId))
    .where(
      and(eq(listPreferences.userId, actor.userId), eq(listPreferences.moduleId, moduleId), eq(modules.workspaceId, actor.workspaceId)),
    );
  const parsed = columnListSchema.safeParse(row?.columns);
  return parsed.success ? parsed.data : defaultColumns;
}

export async function saveListColumns(actor: UserActor, moduleId: string, columns: string[]): Promise<void> {
  assertId(moduleId);
  const clean = columnListSchema.parse([...new Set(columns)]);
  const db = await getDb();
  const [module] = await db
    .select({ id: modules.id })
    .from(modules)
    .where(and(eq(modules.id, moduleId), eq(modules.workspaceId, actor.workspaceId)));
  if (!module) throw new NotFoundError();
  await db
    .insert(listPreferences)
    .values({ userId: actor.userId, moduleId, columns: clean })
    .onConflictDoUpdate({ target: [listPreferences.userId, listPreferences.moduleId], set: { columns: clean, updatedAt: sql`now()` } });
}

export interface ListField {
  key: string;
  label: string;
  type: FieldType;
  options: { key: string; label: string }[];
}

/** The module's active fields with their options, for the list's column chooser and filters (from the workspace's configuration). */
export async function getListFields(reader: ConfigReader, moduleId: string): Promise<ListField[]> {
  assertId(moduleId);
  return configModule(await getWorkspaceConfig(reader), moduleId).fields.map(({ key, label, type, options }) => ({ key, label, type, options }));
}
