import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { datasheets, historyEntries, modules, statusChanges, statuses, users, type Datasheet } from "@/db/schema";
import { datasheetResponsibleChanged, datasheetStatusChanged } from "@/inngest/events";
import { assertCan, can, type Actor } from "@/lib/auth/permissions";
import { ConflictError, DomainError, NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { emit, emitAll } from "@/lib/jobs/outbox";
import { formatName } from "@/lib/users/names";
import { getVisibleDatasheet, visibleDatasheets } from "./access";
import { editorName } from "./version";

/*
 * Who and where a datasheet is in its process: its status (by hand, in manual modules only) and its
 * responsible user. Every change locks the row, checks the version the user saw, bumps it, records
 * the change (status_changes for SPEC §3.1's "every status change is stored", and the history) and
 * emits its event through the outbox in the same transaction.
 */

export interface AssignmentResult {
  moduleId: string;
  version: number;
}

/** Why a status was set: the automatic module's rules use their own reasons. */
const manualReason = "manual";

/**
 * "Changed by X meanwhile": the stale version is refused, with the current values so the user sees
 * what they would have overwritten. X is who made the row's latest change (`updated_by_user_id`).
 */
async function assertFreshVersion(tx: Tx, row: Datasheet, expected: number | undefined): Promise<void> {
  if (expected === undefined || expected === row.version) return;
  const [status] = await tx.select({ name: statuses.name }).from(statuses).where(eq(statuses.id, row.statusId));
  const by = await editorName(tx, row.updatedByUserId);
  const responsible = row.responsibleUserId
    ? (await tx.select().from(users).where(eq(users.id, row.responsibleUserId)))[0]
    : undefined;
  const current = {
    version: row.version,
    statusId: row.statusId,
    statusName: status?.name ?? "",
    responsibleUserId: row.responsibleUserId ?? "",
    hasResponsible: responsible ? "yes" : "no",
    responsibleName: responsible ? formatName(responsible, responsible.locale ?? "en") : "",
  };
  if (by) throw new ConflictError("datasheetChanged", { by, ...current });
  throw new ConflictError("datasheetChangedUnknown", current);
}

async function moduleKindOf(tx: Tx, moduleId: string) {
  const [row] = await tx.select({ kind: modules.kind }).from(modules).where(eq(modules.id, moduleId));
  if (!row) throw new NotFoundError();
  return row.kind;
}

/** A status of the given module; any other id (another module, another workspace) is not found. */
async function statusOfModule(tx: Tx, actor: Actor, moduleId: string, statusId: string) {
  assertId(statusId);
  const [row] = await tx
    .select({ id: statuses.id, key: statuses.key, name: statuses.name })
    .from(statuses)
    .where(and(eq(statuses.id, statusId), eq(statuses.moduleId, moduleId), eq(statuses.workspaceId, actor.workspaceId)))
    // "key share": the status cannot be removed until this change commits.
    .for("key share");
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * Who may become responsible: an active user of the workspace. A restricted actor may hand a
 * datasheet only to themself or to nobody (anything else would take it out of their own reach).
 */
async function assertAssignable(tx: Tx, actor: Actor, userId: string | null): Promise<void> {
  if (userId === null) return;
  if (!can(actor, "datasheets.readAll") && userId !== actor.userId) throw new DomainError("assignOnlySelf");
  assertId(userId);
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.workspaceId, actor.workspaceId), eq(users.isActive, true)));
  if (!row) throw new DomainError("responsibleInactive");
}

/** Status changes by hand are for manual modules; in the automatic one the status follows from facts (SPEC §3). */
function assertManual(kind: string): void {
  if (kind === "sales_auto") throw new DomainError("automaticStatusChange");
}

export async function changeDatasheetStatus(
  actor: Actor,
  input: { datasheetId: string; statusId: string; version?: number },
): Promise<AssignmentResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await getVisibleDatasheet(tx, actor, input.datasheetId, { lock: true });
    await assertFreshVersion(tx, row, input.version);
    assertManual(await moduleKindOf(tx, row.moduleId));
    const to = await statusOfModule(tx, actor, row.moduleId, input.statusId);
    if (to.id === row.statusId) return { moduleId: row.moduleId, version: row.version };
    const [from] = await tx.select({ key: statuses.key }).from(statuses).where(eq(statuses.id, row.statusId));
    const now = new Date();
    const [updated] = await tx
      .update(datasheets)
      .set({ statusId: to.id, statusReason: manualReason, statusChangedAt: now, version: sql`${datasheets.version} + 1`, updatedByUserId: actor.userId, updatedAt: now })
      .where(eq(datasheets.id, row.id))
      .returning({ version: datasheets.version });
    const [change] = await tx
      .insert(statusChanges)
      .values({
        workspaceId: actor.workspaceId,
        datasheetId: row.id,
        moduleId: row.moduleId,
        fromStatusId: row.statusId,
        toStatusId: to.id,
        fromKey: from?.key ?? null,
        toKey: to.key,
        reason: manualReason,
        actorUserId: actor.userId,
        at: now,
      })
      .returning({ id: statusChanges.id });
    await tx.insert(historyEntries).values({
      workspaceId: actor.workspaceId,
      datasheetId: row.id,
      kind: "status_changed",
      occurredAt: now,
      authorUserId: actor.userId,
      data: { fromStatusId: row.statusId, toStatusId: to.id, fromKey: from?.key ?? null, toKey: to.key, reason: manualReason },
    });
    await emit(
      tx,
      datasheetStatusChanged.create({
        workspaceId: actor.workspaceId,
        moduleId: row.moduleId,
        datasheetId: row.id,
        actorUserId: actor.userId,
        fromStatusId: row.statusId,
        toStatusId: to.id,
        fromKey: from?.key ?? null,
        toKey: to.key,
        reason: manualReason,
        statusChangeId: change!.id,
      }),
    );
    return { moduleId: row.moduleId, version: updated!.version };
  });
}

export async function changeDatasheetResponsible(
  actor: Actor,
  input: { datasheetId: string; userId: string | null; version?: number },
): Promise<AssignmentResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await getVisibleDatasheet(tx, actor, input.datasheetId, { lock: true });
    await assertFreshVersion(tx, row, input.version);
    await assertAssignable(tx, actor, input.userId);
    if (row.responsibleUserId === input.userId) return { moduleId: row.moduleId, version: row.version };
    const now = new Date();
    const [updated] = await tx
      .update(datasheets)
      .set({ responsibleUserId: input.userId, version: sql`${datasheets.version} + 1`, updatedByUserId: actor.userId, updatedAt: now })
      .where(eq(datasheets.id, row.id))
      .returning({ version: datasheets.version });
    await tx.insert(historyEntries).values({
      workspaceId: actor.workspaceId,
      datasheetId: row.id,
      kind: "system",
      occurredAt: now,
      authorUserId: actor.userId,
      data: { change: "responsible", fromUserId: row.responsibleUserId, toUserId: input.userId },
    });
    await emit(
      tx,
      datasheetResponsibleChanged.create({
        workspaceId: actor.workspaceId,
        moduleId: row.moduleId,
        datasheetId: row.id,
        actorUserId: actor.userId,
        fromUserId: row.responsibleUserId,
        toUserId: input.userId,
      }),
    );
    return { moduleId: row.moduleId, version: updated!.version };
  });
}

export interface BulkResult {
  moduleId: string;
  /** Datasheets that moved; those already there are left alone. */
  changed: number;
}

/**
 * The selected datasheets, locked, in one statement. All of them must be visible to the actor and
 * of one module; otherwise nothing changes ("not found", as for a single one).
 */
async function lockSelection(tx: Tx, actor: Actor, datasheetIds: string[]) {
  datasheetIds.forEach(assertId);
  const rows = await tx
    .select({
      id: datasheets.id,
      moduleId: datasheets.moduleId,
      statusId: datasheets.statusId,
      statusKey: statuses.key,
      responsibleUserId: datasheets.responsibleUserId,
    })
    .from(datasheets)
    .innerJoin(statuses, eq(statuses.id, datasheets.statusId))
    .where(and(inArray(datasheets.id, datasheetIds), visibleDatasheets(actor)))
    .orderBy(datasheets.id) // one lock order for every bulk change: two of them never deadlock
    .for("update", { of: datasheets });
  const moduleIds = new Set(rows.map((r) => r.moduleId));
  if (rows.length !== datasheetIds.length || moduleIds.size !== 1) throw new NotFoundError();
  return { rows, moduleId: rows[0]!.moduleId };
}

/** Bulk status change (admins and managers, manual modules): one transaction, a handful of statements. */
export async function bulkChangeStatus(actor: Actor, input: { datasheetIds: string[]; statusId: string }): Promise<BulkResult> {
  assertCan(actor, "data.bulkEdit");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { rows, moduleId } = await lockSelection(tx, actor, input.datasheetIds);
    assertManual(await moduleKindOf(tx, moduleId));
    const to = await statusOfModule(tx, actor, moduleId, input.statusId);
    const moving = rows.filter((r) => r.statusId !== to.id);
    if (moving.length === 0) return { moduleId, changed: 0 };
    const now = new Date();
    await tx
      .update(datasheets)
      .set({ statusId: to.id, statusReason: manualReason, statusChangedAt: now, version: sql`${datasheets.version} + 1`, updatedByUserId: actor.userId, updatedAt: now })
      .where(and(inArray(datasheets.id, moving.map((r) => r.id)), ne(datasheets.statusId, to.id)));
    const changes = await tx
      .insert(statusChanges)
      .values(
        moving.map((r) => ({
          workspaceId: actor.workspaceId,
          datasheetId: r.id,
          moduleId,
          fromStatusId: r.statusId,
          toStatusId: to.id,
          fromKey: r.statusKey,
          toKey: to.key,
          reason: manualReason,
          actorUserId: actor.userId,
          at: now,
        })),
      )
      .returning({ id: statusChanges.id, datasheetId: statusChanges.datasheetId });
    await tx.insert(historyEntries).values(
      moving.map((r) => ({
        workspaceId: actor.workspaceId,
        datasheetId: r.id,
        kind: "status_changed" as const,
        occurredAt: now,
        authorUserId: actor.userId,
        data: { fromStatusId: r.statusId, toStatusId: to.id, fromKey: r.statusKey, toKey: to.key, reason: manualReason },
      })),
    );
    const changeIdOf = new Map(changes.map((c) => [c.datasheetId, c.id]));
    await emitAll(
      tx,
      moving.map((r) =>
        datasheetStatusChanged.create({
          workspaceId: actor.workspaceId,
          moduleId,
          datasheetId: r.id,
          actorUserId: actor.userId,
          fromStatusId: r.statusId,
          toStatusId: to.id,
          fromKey: r.statusKey,
          toKey: to.key,
          reason: manualReason,
          statusChangeId: changeIdOf.get(r.id)!,
        }),
      ),
    );
    return { moduleId, changed: moving.length };
  });
}

/** Bulk change of the responsible user (admins and managers, any module). */
export async function bulkChangeResponsible(
  actor: Actor,
  input: { datasheetIds: string[]; userId: string | null },
): Promise<BulkResult> {
  assertCan(actor, "data.bulkEdit");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { rows, moduleId } = await lockSelection(tx, actor, input.datasheetIds);
    await assertAssignable(tx, actor, input.userId);
    const moving = rows.filter((r) => r.responsibleUserId !== input.userId);
    if (moving.length === 0) return { moduleId, changed: 0 };
    const now = new Date();
    await tx
      .update(datasheets)
      .set({ responsibleUserId: input.userId, version: sql`${datasheets.version} + 1`, updatedByUserId: actor.userId, updatedAt: now })
      .where(inArray(datasheets.id, moving.map((r) => r.id)));
    await tx.insert(historyEntries).values(
      moving.map((r) => ({
        workspaceId: actor.workspaceId,
        datasheetId: r.id,
        kind: "system" as const,
        occurredAt: now,
        authorUserId: actor.userId,
        data: { change: "responsible", fromUserId: r.responsibleUserId, toUserId: input.userId },
      })),
    );
    await emitAll(
      tx,
      moving.map((r) =>
        datasheetResponsibleChanged.create({
          workspaceId: actor.workspaceId,
          moduleId,
          datasheetId: r.id,
          actorUserId: actor.userId,
          fromUserId: r.responsibleUserId,
          toUserId: input.userId,
        }),
      ),
    );
    return { moduleId, changed: moving.length };
  });
}
