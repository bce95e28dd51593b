import { and, count, eq, ne, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { datasheets, statuses, statusGroups } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { DomainError, NotFoundError, ValidationError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import type { Placement } from "@/lib/ranking/placement";
import { uniqueKey } from "./keys";
import { placeInList, siblingsOf } from "./positions";
import { lockGroup, lockStatus } from "./scope";
import { cleanColor, cleanName, isUuid } from "./validate";

/** A new status (the palette's "New status" dropped into a group), with a key made from its name. */
export async function createStatus(
  actor: Actor,
  groupId: string,
  input: { name: string; color: string } & Placement,
): Promise<{ id: string; key: string }> {
  assertCan(actor, "settings.manage");
  const name = cleanName(input.name, "name");
  const color = cleanColor(input.color);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { module, group } = await lockGroup(tx, actor, groupId);
    // The automatic module's statuses are what its rule returns (SPEC §3): fixed, keyed.
    if (module.kind === "sales_auto") throw new DomainError("automaticModule");
    const taken = await tx.select({ key: statuses.key }).from(statuses).where(eq(statuses.moduleId, module.id));
    const key = uniqueKey(name, new Set(taken.map((t) => t.key)), "status");
    const siblings = await siblingsOf(tx, statuses, eq(statuses.groupId, group.id));
    const position = await placeInList(tx, statuses, siblings, input);
    const [row] = await tx
      .insert(statuses)
      .values({ workspaceId: actor.workspaceId, moduleId: module.id, groupId: group.id, key, name, color, position })
      .returning({ id: statuses.id });
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "status.created",
      subjectId: row!.id,
      details: { moduleId: module.id, group: group.name, name, color, key },
    });
    return { id: row!.id, key };
  });
}

/** Renames inline; the key (and with it the API, views and automations) stays. */
export async function renameStatus(actor: Actor, statusId: string, newName: string): Promise<void> {
  assertCan(actor, "settings.manage");
  const name = cleanName(newName, "name");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { module, status } = await lockStatus(tx, actor, statusId);
    if (status.name === name) return;
    await tx.update(statuses).set({ name, updatedAt: new Date() }).where(eq(statuses.id, statusId));
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "status.renamed",
      subjectId: statusId,
      details: { moduleId: module.id, key: status.key, from: status.name, to: name },
    });
  });
}

/** Any `#rgb` / `#rrggbb`; stored as lower-case `#rrggbb`. */
export async function recolorStatus(actor: Actor, statusId: string, newColor: string): Promise<void> {
  assertCan(actor, "settings.manage");
  const color = cleanColor(newColor);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { module, status } = await lockStatus(tx, actor, statusId);
    if (status.color === color) return;
    await tx.update(statuses).set({ color, updatedAt: new Date() }).where(eq(statuses.id, statusId));
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "status.recolored",
      subjectId: statusId,
      details: { moduleId: module.id, name: status.name, from: status.color, to: color },
    });
  });
}

/** Drag & drop within a group or into another group of the same module. */
export async function moveStatus(actor: Actor, statusId: string, input: { groupId: string } & Placement): Promise<void> {
  assertCan(actor, "settings.manage");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { module, status } = await lockStatus(tx, actor, statusId);
    assertId(input.groupId);
    const [target] = await tx
      .select()
      .from(statusGroups)
      .where(and(eq(statusGroups.id, input.groupId), eq(statusGroups.moduleId, module.id)));
    if (!target) throw new NotFoundError();
    if (status.isSystem && target.id !== status.groupId) throw new DomainError("systemStatusGroup");
    const siblings = await siblingsOf(tx, statuses, and(eq(statuses.groupId, target.id), ne(statuses.id, statusId)));
    const position = await placeInList(tx, statuses, siblings, input);
    await tx.update(statuses).set({ groupId: target.id, position, updatedAt: new Date() }).where(eq(statuses.id, statusId));
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "status.moved",
      subjectId: statusId,
      details: { moduleId: module.id, name: status.name, fromGroupId: status.groupId, toGroupId: target.id },
    });
  });
}

/**
 * Removes a status. Its datasheets move to `moveToStatusId` (a status of the same module) in the
 * same transaction, in one statement, so none is lost. System statuses and a module's last
 * status stay. The status row is locked first: a datasheet being put into it meanwhile waits, and
 * then fails rather than pointing at a removed status.
 */
export async function removeStatus(
  actor: Actor,
  statusId: string,
  input: { moveToStatusId?: string | null } = {},
): Promise<{ movedDatasheets: number }> {
  assertCan(actor, "settings.manage");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { module, status } = await lockStatus(tx, actor, statusId);
    if (status.isSystem) throw new DomainError("systemStatus");
    const [siblings] = await tx.select({ n: count() }).from(statuses).where(eq(statuses.moduleId, module.id));
    if ((siblings?.n ?? 0) <= 1) throw new DomainError("lastStatus");
    const [held] = await tx.select({ n: count() }).from(datasheets).where(eq(datasheets.statusId, statusId));
    let movedDatasheets = 0;
    let target: { id: string; name: string } | undefined;
    if ((held?.n ?? 0) > 0) {
      const targetId = input.moveToStatusId;
      if (!targetId) throw new ValidationError({ moveToStatusId: "required" });
      if (targetId === statusId || !isUuid(targetId)) throw new ValidationError({ moveToStatusId: "statusInvalid" });
      [target] = await tx
        .select({ id: statuses.id, name: statuses.name })
        .from(statuses)
        .where(and(eq(statuses.id, targetId), eq(statuses.moduleId, module.id)));
      if (!target) throw new ValidationError({ moveToStatusId: "statusInvalid" });
      // One statement, counted in the database: no id list of 100k rows comes back.
      const moved = tx.$with("moved").as(
        tx
          .update(datasheets)
          .set({ statusId: target.id, version: sql`${datasheets.version} + 1`, updatedAt: new Date() })
          .where(and(eq(datasheets.statusId, statusId), eq(datasheets.workspaceId, actor.workspaceId)))
          .returning({ id: datasheets.id }),
      );
      const [result] = await tx.with(moved).select({ n: count() }).from(moved);
      movedDatasheets = result?.n ?? 0;
    }
    await tx.delete(statuses).where(eq(statuses.id, statusId));
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "status.removed",
      subjectId: statusId,
      details: { moduleId: module.id, name: status.name, key: status.key, movedDatasheets, movedTo: target?.name ?? null },
    });
    return { movedDatasheets };
  });
}
