import "server-only";
import { and, count, eq, ne } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { Tx } from "@/db/client";
import { datasheets, statuses, statusGroups } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { commitDatasheets } from "@/lib/datasheets/commit";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { DomainError, NotFoundError, ValidationError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import type { Placement } from "@/lib/ranking/placement";
import { uniqueKey } from "./keys";
import { placeInList, siblingsOf } from "./positions";
import { lockGroup, lockStatus } from "./scope";
import { isUuid } from "@/lib/ids";
import { cleanColor, cleanName } from "./validate";

/** A new status (the palette's "New status" dropped into a group), with a key made from its name. */
export async function createStatus(
  actor: UserActor,
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
export async function renameStatus(actor: UserActor, statusId: string, newName: string): Promise<void> {
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
export async function recolorStatus(actor: UserActor, statusId: string, newColor: string): Promise<void> {
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
export async function moveStatus(actor: UserActor, statusId: string, input: { groupId: string } & Placement): Promise<void> {
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
 * Moves every datasheet of a removed status (trashed ones too: they keep a status) through the
 * commit point: each move is recorded as a status change (SPEC §3.1: every status change is
 * stored) and emitted as `datasheet/status.changed`, like a change made on the datasheet — a
 * handful of statements however many there are.
 */
async function moveDatasheets(
  tx: Tx,
  actor: UserActor,
  { moduleId, from, to }: { moduleId: string; from: { id: string; key: string; name: string }; to: { id: string; key: string } },
): Promise<number> {
  const held = await tx
    .select({ id: datasheets.id })
    .from(datasheets)
    .where(and(eq(datasheets.statusId, from.id), eq(datasheets.workspaceId, actor.workspaceId)))
    .orderBy(datasheets.id)
    .for("update");
  await commitDatasheets(tx, actor, {
    ids: held.map((d) => d.id),
    statusMoves: held.map((d) => ({
      datasheetId: d.id,
      moduleId,
      from: { id: from.id, key: from.key },
      to: { id: to.id, key: to.key },
      reason: "status_removed",
      facts: { removedStatusName: from.name },
    })),
  });
  return held.length;
}

/**
 * Removes a status. Its datasheets move to `moveToStatusId` (a status of the same module) in the
 * same transaction, in one statement, so none is lost. System statuses and a module's last
 * status stay. The status row is locked first: a datasheet being put into it meanwhile waits, and
 * then fails rather than pointing at a removed status.
 */
export async function removeStatus(
  actor: UserActor,
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
    let target: { id: string; name: string; key: string } | undefined;
    if ((held?.n ?? 0) > 0) {
      const targetId = input.moveToStatusId;
      if (!targetId) throw new ValidationError({ moveToStatusId: "required" });
      if (targetId === statusId || !isUuid(targetId)) throw new ValidationError({ moveToStatusId: "statusInvalid" });
      [target] = await tx
        .select({ id: statuses.id, name: statuses.name, key: statuses.key })
        .from(statuses)
        .where(and(eq(statuses.id, targetId), eq(statuses.moduleId, module.id)));
      if (!target) throw new ValidationError({ moveToStatusId: "statusInvalid" });
      movedDatasheets = await moveDatasheets(tx, actor, { moduleId: module.id, from: status, to: target });
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
