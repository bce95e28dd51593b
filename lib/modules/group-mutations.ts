import "server-only";
import { and, count, eq, ne } from "drizzle-orm";
import { getDb } from "@/db/client";
import { statuses, statusGroups } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertCan, type UserActor } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/errors";
import type { Placement } from "@/lib/ranking/placement";
import { uniqueKey } from "./keys";
import { placeInList, siblingsOf } from "./positions";
import { lockGroup, lockModule } from "./scope";
import { cleanName } from "./validate";

// Groups of manual modules can be added, renamed, reordered and (when empty) removed. The
// automatic module's four groups are part of its rule (SPEC §3): they can only be renamed.

export async function createGroup(
  actor: UserActor,
  moduleId: string,
  input: { name: string } & Placement,
): Promise<{ id: string; key: string }> {
  assertCan(actor, "settings.manage");
  const name = cleanName(input.name, "name");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const owner = await lockModule(tx, actor, moduleId);
    if (owner.kind === "sales_auto") throw new DomainError("automaticModule");
    const taken = await tx.select({ key: statusGroups.key }).from(statusGroups).where(eq(statusGroups.moduleId, owner.id));
    const key = uniqueKey(name, new Set(taken.map((t) => t.key)), "group");
    const siblings = await siblingsOf(tx, statusGroups, eq(statusGroups.moduleId, owner.id));
    const position = await placeInList(tx, statusGroups, siblings, input);
    const [row] = await tx
      .insert(statusGroups)
      .values({ workspaceId: actor.workspaceId, moduleId: owner.id, key, name, position })
      .returning({ id: statusGroups.id });
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "status_group.created",
      subjectId: row!.id,
      details: { moduleId: owner.id, name, key },
    });
    return { id: row!.id, key };
  });
}

export async function renameGroup(actor: UserActor, groupId: string, newName: string): Promise<void> {
  assertCan(actor, "settings.manage");
  const name = cleanName(newName, "name");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { module, group } = await lockGroup(tx, actor, groupId);
    if (group.name === name) return;
    await tx.update(statusGroups).set({ name }).where(eq(statusGroups.id, groupId));
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "status_group.renamed",
      subjectId: groupId,
      details: { moduleId: module.id, key: group.key, from: group.name, to: name },
    });
  });
}

export async function moveGroup(actor: UserActor, groupId: string, placement: Placement): Promise<void> {
  assertCan(actor, "settings.manage");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { module, group } = await lockGroup(tx, actor, groupId);
    if (module.kind === "sales_auto") throw new DomainError("automaticModule");
    const siblings = await siblingsOf(tx, statusGroups, and(eq(statusGroups.moduleId, module.id), ne(statusGroups.id, groupId)));
    const position = await placeInList(tx, statusGroups, siblings, placement);
    await tx.update(statusGroups).set({ position }).where(eq(statusGroups.id, groupId));
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "status_group.moved",
      subjectId: groupId,
      details: { moduleId: module.id, name: group.name },
    });
  });
}

/** Only an empty group goes: its statuses (and their datasheets) must be moved or removed first. */
export async function removeGroup(actor: UserActor, groupId: string): Promise<void> {
  assertCan(actor, "settings.manage");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { module, group } = await lockGroup(tx, actor, groupId);
    if (module.kind === "sales_auto") throw new DomainError("automaticModule");
    if (group.isSystem) throw new DomainError("systemGroup");
    const [held] = await tx.select({ n: count() }).from(statuses).where(eq(statuses.groupId, groupId));
    if ((held?.n ?? 0) > 0) throw new DomainError("groupNotEmpty");
    await tx.delete(statusGroups).where(eq(statusGroups.id, groupId));
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "status_group.removed",
      subjectId: groupId,
      details: { moduleId: module.id, name: group.name, key: group.key },
    });
  });
}
