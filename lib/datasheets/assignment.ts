import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Conn, Tx } from "@/db/client";
import { datasheets, historyEntries, modules, statuses, type Datasheet } from "@/db/schema";
import { datasheetResponsibleChanged } from "@/inngest/events";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { DomainError, NotFoundError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { getVisibleDatasheet, visibleDatasheets } from "./access";
import type { BulkChangeResponsibleInput, BulkChangeStatusInput, ChangeResponsibleInput, ChangeStatusInput } from "./assignment-schemas";
import { commitDatasheet, commitDatasheets } from "./commit";
import { assertResponsible } from "./people";
import { assertVersion } from "./version";

/*
 * Who and where a datasheet is in its process: its status (by hand, in manual modules only) and its
 * responsible user. Every change locks the rows, checks the version the user saw, and ends at the
 * commit point (lib/datasheets/commit.ts), which records the status changes and the events.
 */

export interface AssignmentResult {
  moduleId: string;
  version: number;
}

/** Why a status was set by hand: the automatic module's rules use their own reasons. */
const manualReason = "manual";

/** What a conflict shows: the datasheet as it is now. */
async function currentAssignment(tx: Tx, row: Datasheet) {
  const [status] = await tx.select({ name: statuses.name }).from(statuses).where(eq(statuses.id, row.statusId));
  return { version: row.version, statusId: row.statusId, statusName: status?.name ?? "", responsibleUserId: row.responsibleUserId };
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
    .select({ id: statuses.id, key: statuses.key })
    .from(statuses)
    .where(and(eq(statuses.id, statusId), eq(statuses.moduleId, moduleId), eq(statuses.workspaceId, actor.workspaceId)))
    // "key share": the status cannot be removed until this change commits.
    .for("key share");
  if (!row) throw new NotFoundError();
  return row;
}

/** Status changes by hand are for manual modules; in the automatic one the status follows from facts (SPEC §3). */
function assertManual(kind: string): void {
  if (kind === "sales_auto") throw new DomainError("automaticStatusChange");
}

export async function changeDatasheetStatus(conn: Conn, actor: Actor, input: ChangeStatusInput): Promise<AssignmentResult> {
  return conn.transaction(async (tx) => {
    const row = await getVisibleDatasheet(tx, actor, input.datasheetId, { lock: true });
    await assertVersion(tx, row, input.version, () => currentAssignment(tx, row));
    assertManual(await moduleKindOf(tx, row.moduleId));
    const to = await statusOfModule(tx, actor, row.moduleId, input.statusId);
    if (to.id === row.statusId) return { moduleId: row.moduleId, version: row.version };
    const [from] = await tx.select({ id: statuses.id, key: statuses.key }).from(statuses).where(eq(statuses.id, row.statusId));
    const committed = await commitDatasheet(tx, actor, {
      id: row.id,
      statusMoves: [{ datasheetId: row.id, moduleId: row.moduleId, from: from ?? null, to, reason: manualReason }],
    });
    return { moduleId: row.moduleId, version: committed.version };
  });
}

function responsibleHistory(actor: Actor, datasheetId: string, from: string | null, to: string | null, at: Date) {
  return { workspaceId: actor.workspaceId, datasheetId, kind: "system" as const, occurredAt: at, authorUserId: actor.userId, data: { change: "responsible", fromUserId: from, toUserId: to } };
}

export async function changeDatasheetResponsible(conn: Conn, actor: Actor, input: ChangeResponsibleInput): Promise<AssignmentResult> {
  return conn.transaction(async (tx) => {
    const row = await getVisibleDatasheet(tx, actor, input.datasheetId, { lock: true });
    await assertVersion(tx, row, input.version, () => currentAssignment(tx, row));
    await assertResponsible(tx, actor, input.userId, "userId");
    if (row.responsibleUserId === input.userId) return { moduleId: row.moduleId, version: row.version };
    const now = new Date();
    await tx.insert(historyEntries).values(responsibleHistory(actor, row.id, row.responsibleUserId, input.userId, now));
    const event = datasheetResponsibleChanged.create({
      workspaceId: actor.workspaceId,
      moduleId: row.moduleId,
      datasheetId: row.id,
      actorUserId: actor.userId,
      fromUserId: row.responsibleUserId,
      toUserId: input.userId,
    });
    const committed = await commitDatasheet(tx, actor, { id: row.id, events: [event], set: { responsibleUserId: input.userId } }, now);
    return { moduleId: row.moduleId, version: committed.version };
  });
}

export interface BulkResult {
  moduleId: string;
  /** Datasheets that moved; those already there are left alone. */
  changed: number;
}

/**
 * The selected datasheets, locked, in one statement. All of them must be visible to the actor and
 * of one module, and each still at the version the list showed; otherwise nothing changes ("not
 * found" as for a single one, or "changed meanwhile").
 */
async function lockSelection(tx: Tx, actor: Actor, selection: BulkChangeStatusInput["datasheets"]) {
  const ids = selection.map((s) => assertId(s.id));
  const rows = await tx
    .select()
    .from(datasheets)
    .where(and(inArray(datasheets.id, ids), visibleDatasheets(actor)))
    .orderBy(datasheets.id) // one lock order for every bulk change: two of them never deadlock
    .for("update");
  const moduleIds = new Set(rows.map((r) => r.moduleId));
  if (rows.length !== ids.length || moduleIds.size !== 1) throw new NotFoundError();
  const seen = new Map(selection.map((s) => [s.id, s.version]));
  for (const row of rows) await assertVersion(tx, row, seen.get(row.id)!, () => currentAssignment(tx, row));
  return { rows, moduleId: rows[0]!.moduleId };
}

/** Bulk status change (admins and managers, manual modules): one transaction, a handful of statements. */
export async function bulkChangeStatus(conn: Conn, actor: Actor, input: BulkChangeStatusInput): Promise<BulkResult> {
  assertCan(actor, "data.bulkEdit");
  return conn.transaction(async (tx) => {
    const { rows, moduleId } = await lockSelection(tx, actor, input.datasheets);
    assertManual(await moduleKindOf(tx, moduleId));
    const to = await statusOfModule(tx, actor, moduleId, input.statusId);
    const moving = rows.filter((r) => r.statusId !== to.id);
    if (moving.length === 0) return { moduleId, changed: 0 };
    const fromRows = await tx
      .select({ id: statuses.id, key: statuses.key })
      .from(statuses)
      .where(inArray(statuses.id, [...new Set(moving.map((r) => r.statusId))]));
    const fromOf = new Map(fromRows.map((s) => [s.id, s]));
    await commitDatasheets(tx, actor, {
      ids: moving.map((r) => r.id),
      statusMoves: moving.map((r) => ({ datasheetId: r.id, moduleId, from: fromOf.get(r.statusId) ?? null, to, reason: manualReason })),
    });
    return { moduleId, changed: moving.length };
  });
}

/** Bulk change of the responsible user (admins and managers, any module). */
export async function bulkChangeResponsible(conn: Conn, actor: Actor, input: BulkChangeResponsibleInput): Promise<BulkResult> {
  assertCan(actor, "data.bulkEdit");
  return conn.transaction(async (tx) => {
    const { rows, moduleId } = await lockSelection(tx, actor, input.datasheets);
    await assertResponsible(tx, actor, input.userId, "userId");
    const moving = rows.filter((r) => r.responsibleUserId !== input.userId);
    if (moving.length === 0) return { moduleId, changed: 0 };
    const now = new Date();
    const ids = moving.map((r) => r.id);
    await tx.insert(historyEntries).values(moving.map((r) => responsibleHistory(actor, r.id, r.responsibleUserId, input.userId, now)));
    const events = moving.map((r) =>
      datasheetResponsibleChanged.create({
        workspaceId: actor.workspaceId,
        moduleId,
        datasheetId: r.id,
        actorUserId: actor.userId,
        fromUserId: r.responsibleUserId,
        toUserId: input.userId,
      }),
    );
    await commitDatasheets(tx, actor, { ids, events, set: { responsibleUserId: input.userId } }, now);
    return { moduleId, changed: moving.length };
  });
}
