import "server-only";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { fieldOptions, fields, modules, statuses, statusGroups, workspaces, type Module } from "@/db/schema";
import type { UserActor } from "@/lib/auth/permissions";
import { DomainError, NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";

/*
 * Lock order, the same in every settings change so two admins never deadlock: the workspace row
 * (changes to the list of modules), then the module row (everything inside a module), then the
 * rows being changed. "No key update" locks do not block datasheets being written meanwhile.
 */

/** Serialises changes to the workspace's list of modules (create, reorder, archive). */
export async function lockModuleList(tx: Tx, actor: UserActor): Promise<void> {
  await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, actor.workspaceId)).for("no key update");
}

/**
 * The module, locked for a change of its configuration. Another workspace's module, or an id that
 * is not one, is "not found". An archived module's configuration is read-only until restored.
 */
export async function lockModule(tx: Tx, actor: UserActor, moduleId: string, options: { allowArchived?: boolean } = {}): Promise<Module> {
  assertId(moduleId);
  const [row] = await tx
    .select()
    .from(modules)
    .where(and(eq(modules.id, moduleId), eq(modules.workspaceId, actor.workspaceId)))
    .for("no key update");
  if (!row) throw new NotFoundError();
  if (row.archivedAt && !options.allowArchived) throw new DomainError("moduleArchived");
  return row;
}

async function moduleIdOf(
  tx: Tx,
  actor: UserActor,
  table: typeof statuses | typeof statusGroups | typeof fields,
  id: string,
): Promise<string> {
  assertId(id);
  const [row] = await tx
    .select({ moduleId: table.moduleId })
    .from(table)
    .where(and(eq(table.id, id), eq(table.workspaceId, actor.workspaceId)));
  if (!row) throw new NotFoundError();
  return row.moduleId;
}

/** A status and its module, both locked (the status "for update": it may be removed). */
export async function lockStatus(tx: Tx, actor: UserActor, statusId: string) {
  const owner = await lockModule(tx, actor, await moduleIdOf(tx, actor, statuses, statusId));
  // Read again under the lock: it may have been removed while we waited.
  const [status] = await tx
    .select()
    .from(statuses)
    .where(and(eq(statuses.id, statusId), eq(statuses.moduleId, owner.id)))
    .for("update");
  if (!status) throw new NotFoundError();
  return { module: owner, status };
}

export async function lockGroup(tx: Tx, actor: UserActor, groupId: string) {
  const owner = await lockModule(tx, actor, await moduleIdOf(tx, actor, statusGroups, groupId));
  const [group] = await tx
    .select()
    .from(statusGroups)
    .where(and(eq(statusGroups.id, groupId), eq(statusGroups.moduleId, owner.id)))
    .for("update");
  if (!group) throw new NotFoundError();
  return { module: owner, group };
}

/**
 * A field and its module, locked. Writers of datasheet values read the field `for share` while
 * they check option keys, so a field being changed here cannot get a value it no longer allows.
 */
export async function lockField(tx: Tx, actor: UserActor, fieldId: string) {
  const owner = await lockModule(tx, actor, await moduleIdOf(tx, actor, fields, fieldId));
  const [field] = await tx
    .select()
    .from(fields)
    .where(and(eq(fields.id, fieldId), eq(fields.moduleId, owner.id)))
    .for("update");
  if (!field) throw new NotFoundError();
  return { module: owner, field };
}

export async function lockOption(tx: Tx, actor: UserActor, optionId: string) {
  assertId(optionId);
  const [row] = await tx
    .select({ fieldId: fieldOptions.fieldId })
    .from(fieldOptions)
    .where(and(eq(fieldOptions.id, optionId), eq(fieldOptions.workspaceId, actor.workspaceId)));
  if (!row) throw new NotFoundError();
  const { module, field } = await lockField(tx, actor, row.fieldId);
  const [option] = await tx
    .select()
    .from(fieldOptions)
    .where(and(eq(fieldOptions.id, optionId), eq(fieldOptions.fieldId, field.id)))
    .for("update");
  if (!option) throw new NotFoundError();
  return { module, field, option };
}
