import "server-only";
import { and, desc, eq, isNotNull, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Conn, Tx } from "@/db/client";
import { businesses, datasheets, modules, statuses, users, workspaces, type Datasheet } from "@/db/schema";
import { datasheetDeleted, datasheetRestored } from "@/inngest/events";
import { recordAudit } from "@/lib/audit";
import { assertCan, can, type Actor, type UserActor } from "@/lib/auth/permissions";
import { rowsOf, uuidArray } from "@/lib/db/sql";
import { DomainError, NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { getVisibleDatasheet } from "./access";
import { commitDatasheet } from "./commit";
import type { TrashDatasheetInput, TrashedDatasheetInput } from "./schemas";
import { assertVersion } from "./version";

/**
 * Moves a datasheet to the trash (`deleted_at`, `deleted_by_user_id`): from then on it is hidden
 * everywhere (access.ts) but the trash, and can be restored. Refused on a stale version, so nobody
 * trashes a card someone just changed unseen.
 */
export async function trashDatasheet(conn: Conn, actor: Actor, input: TrashDatasheetInput, now = new Date()): Promise<void> {
  await conn.transaction(async (tx) => {
    const datasheet = await getVisibleDatasheet(tx, actor, input.datasheetId, { lock: true });
    await assertVersion(tx, datasheet, input.version, () => ({ version: datasheet.version }));
    const event = datasheetDeleted.create({
      workspaceId: actor.workspaceId,
      moduleId: datasheet.moduleId,
      datasheetId: datasheet.id,
      actorUserId: actor.userId,
    });
    await commitDatasheet(tx, actor, { id: datasheet.id, events: [event], set: { deletedAt: now } }, now);
  });
}

/**
 * Which trashed datasheets an actor may see and restore (SPEC §2 for the trash): admins and managers
 * all of the workspace's; a normal user those they trashed; a restricted user those they trashed
 * that are still within their reach (assigned to them or to nobody). Everyone else's trash is "not found".
 */
export function trashedDatasheets(actor: Actor): SQL {
  const base = and(eq(datasheets.workspaceId, actor.workspaceId), isNotNull(datasheets.deletedAt))!;
  if (actor.kind === "system" || can(actor, "trash.readAll")) return base;
  const own = and(base, eq(datasheets.deletedByUserId, actor.userId))!;
  if (can(actor, "datasheets.readAll")) return own;
  return and(own, or(eq(datasheets.responsibleUserId, actor.userId), isNull(datasheets.responsibleUserId)))!;
}

async function getTrashedDatasheet(tx: Tx, actor: Actor, datasheetId: string): Promise<Datasheet> {
  assertId(datasheetId);
  const [row] = await tx
    .select()
    .from(datasheets)
    .where(and(eq(datasheets.id, datasheetId), trashedDatasheets(actor)))
    .for("update");
  if (!row) throw new NotFoundError();
  return row;
}

export interface TrashEntry {
  id: string;
  businessName: string;
  moduleName: string;
  statusName: string;
  responsibleName: { familyName: string; givenName: string } | null;
  deletedAt: Date;
  deletedBy: { id: string; familyName: string; givenName: string } | null;
  /** When the daily purge deletes it for good (the workspace's retention after it was trashed). */
  purgeAt: Date;
}

/** The most a trash page lists at once, newest first. */
export const TRASH_PAGE_SIZE = 500;

/** The trash as the actor may see it, newest first. */
export async function listTrash(conn: Conn, actor: UserActor): Promise<TrashEntry[]> {
  const deleter = alias(users, "deleter");
  const responsible = alias(users, "responsible");
  const rows = await conn
    .select({
      id: datasheets.id,
      businessName: datasheets.businessName,
      moduleName: modules.name,
      statusName: statuses.name,
      responsibleFamilyName: responsible.familyName,
      responsibleGivenName: responsible.givenName,
      deletedAt: datasheets.deletedAt,
      deletedById: deleter.id,
      deletedByFamilyName: deleter.familyName,
      deletedByGivenName: deleter.givenName,
      retentionDays: workspaces.trashRetentionDays,
    })
    .from(datasheets)
    .innerJoin(modules, eq(modules.id, datasheets.moduleId))
    .innerJoin(statuses, eq(statuses.id, datasheets.statusId))
    .innerJoin(workspaces, eq(workspaces.id, datasheets.workspaceId))
    .leftJoin(deleter, eq(deleter.id, datasheets.deletedByUserId))
    .leftJoin(responsible, eq(responsible.id, datasheets.responsibleUserId))
    .where(trashedDatasheets(actor))
    .orderBy(desc(datasheets.deletedAt), desc(datasheets.id))
    .limit(TRASH_PAGE_SIZE);
  return rows.map((r) => ({
    id: r.id,
    businessName: r.businessName,
    moduleName: r.moduleName,
    statusName: r.statusName,
    responsibleName: r.responsibleFamilyName !== null ? { familyName: r.responsibleFamilyName, givenName: r.responsibleGivenName! } : null,
    deletedAt: r.deletedAt!,
    deletedBy: r.deletedById ? { id: r.deletedById, familyName: r.deletedByFamilyName!, givenName: r.deletedByGivenName! } : null,
    purgeAt: new Date(r.deletedAt!.getTime() + r.retentionDays * 86_400_000),
  }));
}

/**
 * Brings a datasheet back from the trash with everything it had (todos, history, contacts, field
 * values, invoices never left). Through the commit point, so the automatic module's rule judges it
 * again as of now (a sale forgotten meanwhile comes back Forgotten), and its events are recorded.
 * Refused when the business got another datasheet in the module meanwhile.
 */
export async function restoreDatasheet(
  conn: Conn,
  actor: Actor,
  input: TrashedDatasheetInput,
  now = new Date(),
): Promise<{ datasheetId: string; version: number }> {
  return conn.transaction(async (tx) => {
    const datasheet = await getTrashedDatasheet(tx, actor, input.datasheetId);
    // The business row is locked, as "Add to another module" does: one live datasheet per module.
    await tx.select({ id: businesses.id }).from(businesses).where(eq(businesses.id, datasheet.businessId)).for("update");
    const [live] = await tx
      .select({ id: datasheets.id })
      .from(datasheets)
      .where(
        and(
          eq(datasheets.businessId, datasheet.businessId),
          eq(datasheets.moduleId, datasheet.moduleId),
          ne(datasheets.id, datasheet.id),
          isNull(datasheets.deletedAt),
        ),
      )
      .limit(1);
    if (live) throw new DomainError("alreadyInModule");
    const event = datasheetRestored.create({
      workspaceId: actor.workspaceId,
      moduleId: datasheet.moduleId,
      datasheetId: datasheet.id,
      actorUserId: actor.userId,
    });
    const committed = await commitDatasheet(tx, actor, { id: datasheet.id, events: [event], set: { deletedAt: null } }, now);
    return { datasheetId: datasheet.id, version: committed.version };
  });
}

/**
 * Deletes trashed datasheets for good, with their todos, history, field values, invoices and status
 * changes (their rows cascade), and the business when no datasheet of it is left. In the caller's
 * transaction.
 */
async function purgeDatasheets(
  tx: Tx,
  workspaceCondition: SQL,
  datasheetCondition: SQL,
): Promise<{ id: string; workspace_id: string; business_name: string }[]> {
  const purged = await rowsOf<{ id: string; workspace_id: string; business_id: string; business_name: string }>(
    tx,
    sql`delete from ${datasheets} d using ${workspaces} w
        where w.id = d.workspace_id and d.deleted_at is not null and ${workspaceCondition} and ${datasheetCondition}
        returning d.id, d.workspace_id, d.business_id, d.business_name`,
  );
  const businessIds = [...new Set(purged.map((r) => r.business_id))];
  if (businessIds.length) {
    await tx.execute(sql`
      delete from ${businesses} b
      where b.id = any(${uuidArray(businessIds)}) and not exists (select 1 from ${datasheets} d where d.business_id = b.id)`);
  }
  return purged;
}

/** Delete forever (admins): a datasheet of the trash, at once. */
export async function deleteDatasheetForever(conn: Conn, actor: UserActor, input: TrashedDatasheetInput): Promise<void> {
  await conn.transaction(async (tx) => {
    // "Not found" first for what the actor may not even see; "forbidden" for a trash they see but may not empty.
    const datasheet = await getTrashedDatasheet(tx, actor, input.datasheetId);
    assertCan(actor, "trash.purge");
    await purgeDatasheets(tx, sql`w.id = ${actor.workspaceId}`, sql`d.id = ${datasheet.id}`);
    await recordAudit(tx, actor, {
      workspaceId: actor.workspaceId,
      action: "datasheet.deletedForever",
      subjectId: datasheet.id,
      details: { businessName: datasheet.businessName, moduleId: datasheet.moduleId, deletedAt: datasheet.deletedAt?.toISOString() ?? null },
    });
  });
}

/**
 * The daily purge: every workspace's datasheets trashed longer ago than its retention
 * (Settings → Workspace, 30 days by default), in one statement.
 */
export async function purgeExpiredTrash(conn: Conn, now = new Date()): Promise<{ purged: number }> {
  return conn.transaction(async (tx) => {
    const purged = await purgeDatasheets(tx, sql`true`, sql`d.deleted_at <= ${now.toISOString()}::timestamptz - make_interval(days => w.trash_retention_days)`);
    return { purged: purged.length };
  });
}
