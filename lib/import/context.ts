import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Conn } from "@/db/client";
import { imports, modules, users, workspaces, type Import } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { moduleFields } from "@/lib/datasheets/field-values";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { parseLocalDateText, startOfLocalDate } from "@/lib/time/zoned";
import type { RowContext, ImportField } from "./rows";
import type { ImportSettings, ReadOptionsInput } from "./schemas";
import type { Format, ReadOptions } from "./source";
import { isColumnTarget } from "./targets";

/** An import of the actor's workspace, or "not found" (another workspace's id looks the same as none). */
export async function getImportOf(conn: Conn, workspaceId: string, importId: string, options: { lock?: boolean } = {}): Promise<Import> {
  if (!isUuid(importId)) throw new NotFoundError();
  const query = conn
    .select()
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.workspaceId, workspaceId)));
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row) throw new NotFoundError();
  return row;
}

export type StoredOptions = ReadOptionsInput & { format: Format };

export function readOptionsOf(row: Import): StoredOptions & ReadOptions {
  return row.options as StoredOptions;
}

/** The fields a column may go to: the module's own, not the automatic module's system fields. */
export async function importFields(conn: Conn, moduleId: string): Promise<(ImportField & { name: string })[]> {
  const list = await moduleFields(conn, moduleId);
  return list.filter((f) => !f.isSystem).map((f) => ({ key: f.key, name: f.label, type: f.type, options: f.options, settings: f.settings }));
}

export interface ImportTarget {
  moduleId: string;
  isAutomatic: boolean;
  context: RowContext;
}

/**
 * What checking a row needs: the module's fields, the workspace's active members by email and
 * name (for the responsible and user columns), and its time zone (for times of day). The mapping
 * is checked against the fields here: a column cannot go to a field the module does not have.
 */
export async function loadImportTarget(conn: Conn, actor: Actor, settings: ImportSettings): Promise<ImportTarget> {
  const [module] = await conn
    .select({ id: modules.id, kind: modules.kind, timeZone: workspaces.timeZone })
    .from(modules)
    .innerJoin(workspaces, eq(workspaces.id, modules.workspaceId))
    .where(and(eq(modules.id, settings.moduleId), eq(modules.workspaceId, actor.workspaceId), isNull(modules.archivedAt)));
  if (!module) throw new ValidationError({ moduleId: "moduleInvalid" });
  const fieldList = await importFields(conn, module.id);
  const keys = fieldList.map((f) => f.key);
  if (settings.mapping.some((target) => !isColumnTarget(target, keys))) throw new ValidationError({ mapping: "mappingInvalid" });
  if (!settings.mapping.includes("business.name") && !settings.mapping.includes("contact.name")) throw new ValidationError({ mapping: "mappingNoName" });
  const members = await conn
    .select({ id: users.id, email: users.email, familyName: users.familyName, givenName: users.givenName })
    .from(users)
    .where(and(eq(users.workspaceId, actor.workspaceId), eq(users.isActive, true)));
  const byName = new Map<string, string>();
  for (const m of members) {
    for (const key of [m.email, `${m.familyName} ${m.givenName}`, `${m.givenName} ${m.familyName}`]) byName.set(key.toLocaleLowerCase("hu"), m.id);
  }
  const timeZone = module.timeZone;
  const toInstant = (wallClock: string) => {
    const day = parseLocalDateText(wallClock.slice(0, 10));
    if (!day) return wallClock;
    const [h, m, s] = wallClock.slice(11).split(":").map(Number);
    return new Date(startOfLocalDate(day, timeZone).getTime() + ((h! * 60 + m!) * 60 + s!) * 1000).toISOString();
  };
  return {
    moduleId: module.id,
    isAutomatic: module.kind === "sales_auto",
    context: { fields: new Map(fieldList.map((f) => [f.key, f])), users: byName, toInstant },
  };
}
